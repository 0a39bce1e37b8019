import ClusterLoader
import DenyscopeCore
import Matcher
import PolicyEngine
import Testing

struct DecisionCacheTests {
    /// Two replicas of `web` on two nodes and a client; `web-allow` admits the client on port 80, and `extra`
    /// adds more policies of the namespace.
    static func engine(extra: String = "") throws -> PolicyEngine {
        var snapshot = """
            apiVersion: v1
            kind: List
            items:
            - {apiVersion: v1, kind: Pod, metadata: {name: web-a, namespace: shop, labels: {app: web}}, status: {podIP: 10.0.0.1, hostIP: 192.168.0.1}}
            - {apiVersion: v1, kind: Pod, metadata: {name: web-b, namespace: shop, labels: {app: web}}, status: {podIP: 10.0.0.2, hostIP: 192.168.0.2}}
            - {apiVersion: v1, kind: Pod, metadata: {name: client, namespace: shop, labels: {app: client}}, status: {podIP: 10.0.0.3}}
            - apiVersion: networking.k8s.io/v1
              kind: NetworkPolicy
              metadata: {name: web-allow, namespace: shop}
              spec:
                podSelector: {matchLabels: {app: web}}
                ingress: [{from: [{podSelector: {matchLabels: {app: client}}}], ports: [{port: 80}]}]
            """
        snapshot += extra
        return PolicyEngine(cluster: try ClusterLoader.load(text: snapshot, file: "snapshot.yaml").state)
    }

    static func flow(from source: String = "10.0.0.3", to address: String) -> Flow {
        Flow(
            source: Endpoint(kind: .world, ip: IPAddress(source)), destination: Endpoint(kind: .world, ip: IPAddress(address)),
            ipProtocol: .tcp, sourcePort: 40000, destinationPort: 80, location: InputLocation(file: "flows.log", line: 1))
    }

    /// Should evaluate once for replicas of one identity on different nodes, and decide both as the engine does.
    @Test func replicasShareOneEvaluation() throws {
        var cache = DecisionCache(engine: try Self.engine())
        let decidedFirst = cache.decide(Self.flow(to: "10.0.0.1"))
        let decidedSecond = cache.decide(Self.flow(to: "10.0.0.2"))
        let first = try #require(decidedFirst)
        let second = try #require(decidedSecond)
        #expect(cache.evaluations == 1)
        #expect(first.decisionID == second.decisionID)
        #expect(cache.decision(first.decisionID).verdict == .allowed)
        #expect(cache.endpoint(second.destinationID).pod == "web-b")
        #expect(cache.endpoint(first.destinationID).pod == "web-a")
    }

    /// Should keep replicas on different nodes apart for a connection from a node: a pod accepts
    /// its own node (kubelet probes) and denies the other.
    @Test func connectionsFromANodeAreDecidedPerNode() throws {
        var cache = DecisionCache(engine: try Self.engine())
        let decidedOwnNode = cache.decide(Self.flow(from: "192.168.0.1", to: "10.0.0.1"))
        let decidedOtherNode = cache.decide(Self.flow(from: "192.168.0.1", to: "10.0.0.2"))
        let ownNode = try #require(decidedOwnNode)
        let otherNode = try #require(decidedOtherNode)
        #expect(cache.evaluations == 2)
        #expect(ownNode.verdict == .allowed)
        #expect(otherNode.verdict == .denied)
        #expect(cache.endpoint(ownNode.sourceID).kind == .host)
    }

    /// Should keep replicas apart when a rule matches pod addresses: an ipBlock admits web-b only.
    @Test func addressRulesKeepReplicasApart() throws {
        let ipBlock = """

            - apiVersion: networking.k8s.io/v1
              kind: NetworkPolicy
              metadata: {name: client-egress, namespace: shop}
              spec:
                podSelector: {matchLabels: {app: client}}
                policyTypes: [Egress]
                egress: [{to: [{ipBlock: {cidr: 10.0.0.2/32}}]}]
            """
        var cache = DecisionCache(engine: try Self.engine(extra: ipBlock))
        let decidedFirst = cache.decide(Self.flow(to: "10.0.0.1"))
        let decidedSecond = cache.decide(Self.flow(to: "10.0.0.2"))
        let first = try #require(decidedFirst)
        let second = try #require(decidedSecond)
        #expect(cache.evaluations == 2)
        #expect(first.verdict == .denied)
        #expect(cache.decision(second.decisionID).verdict == .allowed)
    }

    /// Records of one pod share their details (Hubble's parser reads a side object once): such
    /// endpoints should intern to one id only when their address and kind are equal too.
    @Test func sharedDetailsInternByAddressAndKind() throws {
        var cache = DecisionCache(engine: try Self.engine())
        let web = Endpoint(kind: .pod, namespace: "shop", pod: "web-a", ip: IPAddress("10.0.0.1"), labels: ["app": "web"])
        var moved = web
        moved.ip = IPAddress("10.0.0.9")
        var asHost = web
        asHost.kind = .host
        #expect(moved.detailsIdentity == web.detailsIdentity && asHost.detailsIdentity == web.detailsIdentity)
        var ids: [UInt32] = []
        for destination in [web, moved, asHost, web] {
            var flow = Self.flow(to: "10.0.0.1")
            flow.destination = destination
            let decided = cache.decide(flow)
            ids.append(try #require(decided).destinationID)
        }
        #expect(ids[0] == ids[3])
        #expect(Set(ids).count == 3)
        #expect(cache.endpoint(ids[1]).ip == IPAddress("10.0.0.9"))
    }
}
