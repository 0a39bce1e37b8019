import ClusterLoader
import DenyscopeCore
import DenyscopeTestSupport
import Testing

struct CiliumPolicyTests {
    /// Should read spec and specs, normalize keys to Cilium's `source:key` form and inject the namespace.
    @Test func decodesAndInjectsNamespaces() throws {
        let text = """
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: web, namespace: shop}
            spec:
              endpointSelector: {matchLabels: {app: web, io.kubernetes.pod.namespace: elsewhere}}
              enableDefaultDeny: {ingress: false}
              ingress:
              - fromEndpoints: [{matchLabels: {"k8s:app": frontend}}, {matchLabels: {"reserved:host": ""}}]
                toPorts: [{ports: [{port: HTTP, protocol: TCP}, {port: "0", protocol: UDP}], rules: {http: [{method: GET}]}}]
              - fromEndpoints: [{matchLabels: {k8s-app: kube-dns, io.kubernetes.pod.namespace: kube-system}}]
              - icmps: [{fields: [{family: IPv6, type: EchoRequest}, {type: 8}]}]
            ---
            apiVersion: cilium.io/v2
            kind: CiliumClusterwideNetworkPolicy
            metadata: {name: all-pods}
            specs:
            - endpointSelector: {}
              egressDeny:
              - toEndpoints: [{}]
              - toEntities: [world]
              - toCIDRSet: [{cidr: 10.0.0.0/8, except: [10.1.0.0/16]}]
            """
        let policies = try ClusterLoader.load(text: text, file: "cilium.yaml").state.ciliumPolicies
        #expect(policies.map(\.name) == ["all-pods", "web"])
        let web = try #require(policies.last)
        #expect(web.kind == .ciliumNetworkPolicy && web.namespace == "shop")
        let rule = try #require(web.rules.first)
        #expect(rule.endpointSelector?.description == "any:app=web,k8s:io.kubernetes.pod.namespace=shop")
        #expect(rule.enableDefaultDenyIngress == false && rule.enableDefaultDenyEgress == nil)
        guard case .endpoints(let peers) = rule.ingress[0].peers else { Issue.record("expected endpoints"); return }
        #expect(peers.map(\.description) == ["k8s:app=frontend,k8s:io.kubernetes.pod.namespace=shop", "reserved:host="])
        #expect(rule.ingress[0].ports == [CiliumPort(port: .named("http"), protocol: .tcp), CiliumPort(port: nil, protocol: .udp)])
        #expect(rule.ingress[0].hasL7Rules)
        guard case .endpoints(let dns) = rule.ingress[1].peers else { Issue.record("expected endpoints"); return }
        #expect(dns.map(\.description) == ["any:io.kubernetes.pod.namespace=kube-system,any:k8s-app=kube-dns"])
        #expect(rule.ingress[2].icmps == [CiliumICMP(protocol: .icmpv6, type: 128), CiliumICMP(protocol: .icmp, type: 8)])
        let clusterwide = try #require(policies.first)
        #expect(clusterwide.namespace == nil && clusterwide.rules.first?.specIndex == 0)
        guard case .endpoints(let anyPod) = clusterwide.rules[0].egressDeny[0].peers else { Issue.record("expected endpoints"); return }
        #expect(anyPod.map(\.description) == ["k8s:io.kubernetes.pod.namespace"])
        #expect(clusterwide.rules[0].egressDeny[1].peers == .entities([.world]))
        #expect(
            clusterwide.rules[0].egressDeny[2].peers
                == .cidrs([CIDRBlock(cidr: try #require(CIDR("10.0.0.0/8")), except: [try #require(CIDR("10.1.0.0/16"))])]))
    }

    static let badInputs: [(file: String, message: String)] = [
        (
            "unknown-entity.yaml",
            "11: document 1 (CiliumNetworkPolicy shop/from-outside): spec.ingress[0].fromEntities[1]: unknown entity \"internet\" "
                + "(expected one of all, world, cluster, host, init, ingress, unmanaged, health, none, remote-node, kube-apiserver)"
        ),
        (
            "icmp-in-toports.yaml",
            "11: document 1 (CiliumClusterwideNetworkPolicy ping): spec.ingress[0].toPorts[0].ports[0].protocol: "
                + "unsupported protocol \"ICMP\" (expected TCP, UDP, SCTP or ANY; ICMP goes in icmps)"
        ),
        (
            "bad-port-range.yaml",
            "12: document 1 (CiliumNetworkPolicy shop/range): spec.egress[0].toPorts[0].ports[0].endPort: endPort 8000 must be between port 9000 and 65535"
        ),
        (
            "two-peer-kinds.yaml",
            "10: document 1 (CiliumNetworkPolicy shop/mixed): spec.ingress[0].fromCIDR: fromEndpoints and fromCIDR are mutually exclusive in one rule"
        ),
        (
            "deny-with-l7.yaml",
            "11: document 1 (CiliumNetworkPolicy shop/deny-get): spec.ingressDeny[0].toPorts[0].rules: deny rules cannot have L7 rules"
        ),
    ]

    /// Should reject invalid Cilium policies at load, with file, line and field path.
    @Test(arguments: badInputs)
    func rejectsInvalidPolicies(file: String, message: String) {
        let path = Fixtures.path("bad/cilium/" + file)
        do {
            _ = try ClusterLoader.load(paths: [path])
            Issue.record("\(file) loaded without error")
        } catch {
            #expect(error.description == "\(path):\(message)")
        }
    }
}
