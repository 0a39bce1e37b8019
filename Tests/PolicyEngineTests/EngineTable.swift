import ClusterLoader
import DenyscopeCore
import DenyscopeTestSupport
import PolicyEngine
import Testing

/// The cluster every table row runs against: two labelled namespaces, one (`payments`) whose
/// Namespace object is missing, host-network pods and two nodes. Pods carry the labels, addresses and named ports the rows refer to.
let baseCluster = """
    apiVersion: v1
    kind: List
    items:
    - {apiVersion: v1, kind: Namespace, metadata: {name: shop, labels: {team: shop, env: prod}}}
    - {apiVersion: v1, kind: Namespace, metadata: {name: marketing, labels: {team: marketing}}}
    - {apiVersion: v1, kind: Node, metadata: {name: node-1}, status: {addresses: [{type: InternalIP, address: 192.168.0.1}, {type: Hostname, address: node-1}]}}
    - {apiVersion: v1, kind: Node, metadata: {name: node-2}, status: {addresses: [{type: InternalIP, address: 192.168.0.2}]}}
    - apiVersion: v1
      kind: Pod
      metadata: {name: web, namespace: shop, labels: {app: web, tier: frontend}}
      spec:
        containers:
        - name: nginx
          ports:
          - {name: http, containerPort: 80}
          - {name: metrics, containerPort: 9090}
          - {name: dns, containerPort: 53, protocol: UDP}
      status: {hostIP: 192.168.0.1, podIPs: [{ip: 10.0.1.10}, {ip: "fd00:1::10"}]}
    - apiVersion: v1
      kind: Pod
      metadata: {name: frontend, namespace: shop, labels: {app: frontend, tier: frontend}}
      status: {hostIP: 192.168.0.1, podIP: 10.0.1.11}
    - apiVersion: v1
      kind: Pod
      metadata: {name: db, namespace: shop, labels: {app: db}}
      spec:
        containers:
        - name: postgres
          ports:
          - {name: postgres, containerPort: 5432}
      status: {hostIP: 192.168.0.2, podIP: 10.0.1.12}
    - apiVersion: v1
      kind: Pod
      metadata: {name: batch, namespace: shop, labels: {job: report}}
      status: {hostIP: 192.168.0.2, podIP: 10.0.1.13}
    - apiVersion: v1
      kind: Pod
      metadata: {name: frontend, namespace: marketing, labels: {app: frontend}}
      status: {hostIP: 192.168.0.2, podIP: 10.0.2.10}
    - apiVersion: v1
      kind: Pod
      metadata: {name: crawler, namespace: marketing, labels: {app: crawler}}
      status: {hostIP: 192.168.0.2, podIP: 10.0.2.11}
    - apiVersion: v1
      kind: Pod
      metadata: {name: gateway, namespace: payments, labels: {app: gateway}}
      status: {hostIP: 192.168.0.2, podIP: 10.0.3.10}
    - apiVersion: v1
      kind: Pod
      metadata: {name: node-exporter-a, namespace: monitoring, labels: {app: node-exporter}}
      spec: {hostNetwork: true, nodeName: node-1}
      status: {hostIP: 192.168.0.1, podIP: 192.168.0.1}
    - apiVersion: v1
      kind: Pod
      metadata: {name: node-exporter-b, namespace: monitoring, labels: {app: node-exporter}}
      spec: {hostNetwork: true, nodeName: node-2}
      status: {hostIP: 192.168.0.2, podIP: 192.168.0.2}
    """

/// One row of a semantic table: policies (YAML documents), a connection, and the expected decision
/// written compactly — `not-isolated`, `allowed-by shop/a#0`, `default-deny shop/a shop/b`, and
/// near misses as `ingress shop/a#0 podLabel: expected app=x, got app=y`.
struct Row: CustomTestStringConvertible, Sendable {
    let name: String
    let policies: [String]
    let from: String
    let to: String
    var port: Int? = 80
    var proto: String = "TCP"
    let egress: String
    let ingress: String
    var nearMisses: [String] = []

    var testDescription: String { name }
}

/// Runs a row under every order of its policies and checks each outcome against the row.
func check(_ row: Row, options: EngineOptions = EngineOptions(), sourceLocation: SourceLocation = #_sourceLocation) throws {
    let base = try ClusterLoader.load(text: baseCluster, file: "base.yaml").state
    for (position, order) in permutations(row.policies).enumerated() {
        var cluster = base
        let policies = try ClusterLoader.load(text: order.joined(separator: "\n---\n"), file: "\(row.name).yaml").state
        cluster.networkPolicies = policies.networkPolicies
        cluster.ciliumPolicies = policies.ciliumPolicies
        cluster.calicoPolicies = policies.calicoPolicies
        cluster.calicoTiers = policies.calicoTiers
        cluster.calicoNetworkSets = policies.calicoNetworkSets
        cluster.stagedKubernetesPolicies = policies.stagedKubernetesPolicies
        let engine = PolicyEngine(cluster: cluster, options: options)
        let query = ExplainConnection(from: row.from, to: row.to, port: row.port, proto: row.proto)
        let decision = engine.evaluate(try query.connection(engine))
        let summary = DecisionSummary(decision)
        let context = Comment(rawValue: "\(row.name), policy order \(position)")
        #expect(summary.egress == row.egress, context, sourceLocation: sourceLocation)
        #expect(summary.ingress == row.ingress, context, sourceLocation: sourceLocation)
        #expect(summary.nearMisses == row.nearMisses, context, sourceLocation: sourceLocation)
        func allows(_ side: String) -> Bool { ["allowed-by", "not-isolated", "staged"].contains { side.hasPrefix($0) } }
        let expectedVerdict: Verdict = allows(row.egress) ? .allowed : .denied
        let ingressAllowed = allows(row.ingress)
        #expect(
            decision.verdict == (expectedVerdict == .allowed && ingressAllowed ? .allowed : .denied), context,
            sourceLocation: sourceLocation)
    }
}

/// A connection as a row writes it.
struct ExplainConnection {
    let from: String
    let to: String
    let port: Int?
    let proto: String

    func connection(_ engine: PolicyEngine) throws -> Connection {
        let source = try engine.resolve(try #require(EndpointQuery(from)))
        let destination = try engine.resolve(try #require(EndpointQuery(to)))
        let protocolValue = try #require(IPProtocol(name: proto))
        return Connection(source: source, destination: destination, protocol: protocolValue, port: port.map { UInt16($0) })
    }
}

/// A decision in the compact notation of `Row`.
struct DecisionSummary: Equatable {
    let egress: String
    let ingress: String
    let nearMisses: [String]

    init(_ decision: Decision) {
        egress = Self.side(decision.egress)
        ingress = Self.side(decision.ingress)
        nearMisses = decision.nearMisses.map {
            "\($0.direction.rawValue) \(Self.policy($0.policy)) \($0.constraint.rawValue): expected \($0.expected), got \($0.actual)"
        }
    }

    static func side(_ side: SideDecision) -> String {
        let names = side.policies.map(policy)
        if let note = side.note { return ([side.reason.rawValue] + names + ["(\(note))"]).joined(separator: " ") }
        return ([side.reason.rawValue] + names).joined(separator: " ")
    }

    /// `shop/allow#0`, `deny-all#ingressDeny0`, `multi[1]#0` (specs index in brackets).
    static func policy(_ reference: PolicyReference) -> String {
        reference.qualifiedName + (reference.spec.map { "[\($0)]" } ?? "")
            + (reference.rule.map { "#\(reference.section ?? "")\($0)" } ?? "")
    }
}

/// A NetworkPolicy document for a row.
func policy(_ name: String, in namespace: String = "shop", _ spec: String) -> String {
    """
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: {name: \(name), namespace: \(namespace)}
    spec:
    \(indented(spec))
    """
}

/// A YAML block shifted by two spaces, to sit under `spec:`.
func indented(_ block: String) -> String {
    block.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
}
