import Testing

/// Host-network pods and node addresses are hosts: never selected by pod selectors, never isolated;
/// a pod isolated for ingress still accepts its own node.
struct HostTests {
    static let allPods = policy(
        "from-all-pods", "podSelector: {matchLabels: {app: web}}\ningress:\n- from:\n  - namespaceSelector: {}")
    static let monitoringDenyAll = policy("deny-all", in: "monitoring", "podSelector: {}\npolicyTypes: [Ingress, Egress]")
    static let fromNodes = policy(
        "from-nodes", "podSelector: {matchLabels: {app: web}}\ningress:\n- from:\n  - ipBlock: {cidr: 192.168.0.0/24}")

    static let rows: [Row] = [
        Row(
            name: "a host-network pod on another node is not selected by pod selectors", policies: [allPods],
            from: "monitoring/node-exporter-b", to: "shop/web", egress: "not-isolated", ingress: "default-deny shop/from-all-pods",
            nearMisses: ["ingress shop/from-all-pods#0 peerKind: expected pods {} in namespaces {}, got host monitoring/node-exporter-b"]),
        Row(
            name: "a node address on another node is a host", policies: [allPods], from: "192.168.0.2", to: "shop/web",
            egress: "not-isolated", ingress: "default-deny shop/from-all-pods",
            nearMisses: ["ingress shop/from-all-pods#0 peerKind: expected pods {} in namespaces {}, got host 192.168.0.2"]),
        Row(
            name: "the pod's own node is always admitted", policies: [allPods], from: "192.168.0.1", to: "shop/web",
            egress: "not-isolated", ingress: "allowed-by (connections from the pod's own node are always allowed)"),
        Row(
            name: "a host-network pod on the pod's node is its node", policies: [allPods], from: "monitoring/node-exporter-a",
            to: "shop/web", egress: "not-isolated", ingress: "allowed-by (connections from the pod's own node are always allowed)"),
        Row(
            name: "policies never isolate host-network pods", policies: [monitoringDenyAll], from: "shop/frontend",
            to: "monitoring/node-exporter-a", port: 9100, egress: "not-isolated", ingress: "not-isolated"),
        Row(
            name: "nodes are matched by IP blocks", policies: [fromNodes], from: "192.168.0.2", to: "shop/web",
            egress: "not-isolated", ingress: "allowed-by shop/from-nodes#0"),
    ]

    /// Should keep hosts out of pod selection, in every policy order.
    @Test(arguments: rows)
    func hosts(row: Row) throws {
        try check(row)
    }
}
