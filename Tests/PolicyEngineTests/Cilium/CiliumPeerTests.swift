import PolicyEngine
import Testing

/// Cilium peers (entities, CIDRs, FQDNs, egress endpoints), L4 (`toPorts`, `icmps`), the local
/// host and the enforcement modes.
struct CiliumPeerTests {
    static func web(_ name: String, _ rule: String) -> String { cnp(name, selecting("web", "ingress:\n- " + rule)) }

    static let fromWorld = web("from-world", "fromEntities: [world]")
    static let fromCluster = web("from-cluster", "fromEntities: [cluster]")
    static let fromRemoteNodes = web("from-remote-nodes", "fromEntities: [remote-node]")
    static let fromDocs = web("from-docs", "fromCIDR: [203.0.113.0/24]")
    static let fromMarketingCIDR = web("from-marketing-cidr", "fromCIDR: [10.0.2.0/24]")
    static let fromDocsExcept = web("from-docs-except", "fromCIDRSet: [{cidr: 203.0.113.0/24, except: [203.0.113.0/28]}]")
    static let port80 = web("port-80", "fromEndpoints: [{}]\n  toPorts: [{ports: [{port: \"80\", protocol: TCP}]}]")
    static let namedHTTP = web("named-http", "fromEndpoints: [{}]\n  toPorts: [{ports: [{port: http}]}]")
    static let anyProtocol53 = web("any-53", "fromEndpoints: [{}]\n  toPorts: [{ports: [{port: \"53\"}]}]")
    static let range = web("range", "fromEndpoints: [{}]\n  toPorts: [{ports: [{port: \"8000\", endPort: 9000, protocol: TCP}]}]")
    static let allUDP = web("all-udp", "fromEndpoints: [{}]\n  toPorts: [{ports: [{port: \"0\", protocol: UDP}]}]")
    static let echo = web("echo", "fromEndpoints: [{}]\n  icmps: [{fields: [{type: EchoRequest}]}]")
    static let l4Only = web("l4-only", "toPorts: [{ports: [{port: \"80\", protocol: TCP}]}]")
    static let frontendToDB = cnp("frontend-to-db", selecting("frontend", "egress:\n- toEndpoints: [{matchLabels: {app: db}}]"))
    static let frontendToGitHub = cnp("frontend-to-github", selecting("frontend", "egress:\n- toFQDNs: [{matchName: api.github.com}]"))
    static let webDenyAll = policy("deny-all", "podSelector: {matchLabels: {app: web}}")

    static let rows: [Row] = [
        Row(
            name: "world admits an external address", policies: [fromWorld], from: "203.0.113.9", to: "shop/web",
            egress: "not-isolated", ingress: "allowed-by shop/from-world#0"),
        Row(
            name: "world does not admit a pod", policies: [fromWorld], from: "shop/frontend", to: "shop/web", egress: "not-isolated",
            ingress: "default-deny shop/from-world",
            nearMisses: ["ingress shop/from-world#0 peerKind: expected entities world, got shop/frontend"]),
        Row(
            name: "cluster admits pods of any namespace", policies: [fromCluster], from: "marketing/crawler", to: "shop/web",
            egress: "not-isolated", ingress: "allowed-by shop/from-cluster#0"),
        Row(
            name: "cluster admits other nodes", policies: [fromCluster], from: "192.168.0.2", to: "shop/web", egress: "not-isolated",
            ingress: "allowed-by shop/from-cluster#0"),
        Row(
            name: "cluster does not admit the world", policies: [fromCluster], from: "203.0.113.9", to: "shop/web", egress: "not-isolated",
            ingress: "default-deny shop/from-cluster",
            nearMisses: ["ingress shop/from-cluster#0 peerKind: expected entities cluster, got world 203.0.113.9"]),
        Row(
            name: "remote-node is another node", policies: [fromRemoteNodes], from: "monitoring/node-exporter-b", to: "shop/web",
            egress: "not-isolated", ingress: "allowed-by shop/from-remote-nodes#0"),
        Row(
            name: "the local host is always admitted", policies: [fromRemoteNodes], from: "192.168.0.1", to: "shop/web",
            egress: "not-isolated", ingress: "allowed-by (Cilium allows traffic from the local host to its endpoints (allow-localhost))"),
        Row(
            name: "a CIDR admits external addresses in it", policies: [fromDocs], from: "203.0.113.9", to: "shop/web",
            egress: "not-isolated", ingress: "allowed-by shop/from-docs#0"),
        Row(
            name: "a CIDR never admits pods, even inside it", policies: [fromMarketingCIDR], from: "marketing/crawler", to: "shop/web",
            egress: "not-isolated", ingress: "default-deny shop/from-marketing-cidr",
            nearMisses: ["ingress shop/from-marketing-cidr#0 peerKind: expected CIDR 10.0.2.0/24, got marketing/crawler"]),
        Row(
            name: "a CIDR set's except is excluded", policies: [fromDocsExcept], from: "203.0.113.9", to: "shop/web",
            egress: "not-isolated", ingress: "default-deny shop/from-docs-except",
            nearMisses: [
                "ingress shop/from-docs-except#0 peerKind: expected CIDR 203.0.113.0/24 except 203.0.113.0/28, got world 203.0.113.9"
            ]),
        Row(
            name: "a port admits its port", policies: [port80], from: "shop/frontend", to: "shop/web", egress: "not-isolated",
            ingress: "allowed-by shop/port-80#0"),
        Row(
            name: "another port is a near miss", policies: [port80], from: "shop/frontend", to: "shop/web", port: 8080,
            egress: "not-isolated", ingress: "default-deny shop/port-80",
            nearMisses: ["ingress shop/port-80#0 port: expected [80/TCP], got 8080"]),
        Row(
            name: "a named port resolves on the destination", policies: [namedHTTP], from: "shop/frontend", to: "shop/web",
            egress: "not-isolated", ingress: "allowed-by shop/named-http#0"),
        Row(
            name: "protocol ANY admits UDP", policies: [anyProtocol53], from: "shop/frontend", to: "shop/web", port: 53, proto: "UDP",
            egress: "not-isolated", ingress: "allowed-by shop/any-53#0"),
        Row(
            name: "protocol ANY admits TCP", policies: [anyProtocol53], from: "shop/frontend", to: "shop/web", port: 53,
            egress: "not-isolated", ingress: "allowed-by shop/any-53#0"),
        Row(
            name: "endPort admits the range", policies: [range], from: "shop/frontend", to: "shop/web", port: 8500,
            egress: "not-isolated", ingress: "allowed-by shop/range#0"),
        Row(
            name: "port 0 admits every port of its protocol", policies: [allUDP], from: "shop/frontend", to: "shop/web", port: 31337,
            proto: "UDP", egress: "not-isolated", ingress: "allowed-by shop/all-udp#0"),
        Row(
            name: "toPorts never admits ICMP", policies: [port80], from: "shop/frontend", to: "shop/web", port: nil, proto: "ICMP",
            egress: "not-isolated", ingress: "default-deny shop/port-80",
            nearMisses: ["ingress shop/port-80#0 protocol: expected [80/TCP], got ICMP"]),
        Row(
            name: "icmps admits its ICMP type", policies: [echo], from: "shop/frontend", to: "shop/web", port: nil, proto: "ICMP",
            egress: "not-isolated", ingress: "allowed-by shop/echo#0"),
        Row(
            name: "icmps does not admit TCP", policies: [echo], from: "shop/frontend", to: "shop/web", egress: "not-isolated",
            ingress: "default-deny shop/echo", nearMisses: ["ingress shop/echo#0 protocol: expected ICMP ICMP type 8, got TCP"]),
        Row(
            name: "an L4-only rule admits every peer on its port", policies: [l4Only], from: "203.0.113.9", to: "shop/web",
            egress: "not-isolated", ingress: "allowed-by shop/l4-only#0"),
        Row(
            name: "an egress rule admits its peer", policies: [frontendToDB], from: "shop/frontend", to: "shop/db", port: 5432,
            egress: "allowed-by shop/frontend-to-db#0", ingress: "not-isolated"),
        Row(
            name: "an egress rule puts the source into egress default deny", policies: [frontendToDB], from: "shop/frontend",
            to: "shop/web", egress: "default-deny shop/frontend-to-db", ingress: "not-isolated",
            nearMisses: ["egress shop/frontend-to-db#0 podLabel: expected app=db, got app=web"]),
        Row(
            name: "toFQDNs cannot be decided without DNS names", policies: [frontendToGitHub], from: "shop/frontend",
            to: "140.82.112.3", port: 443, egress: "default-deny shop/frontend-to-github", ingress: "not-isolated",
            nearMisses: [
                "egress shop/frontend-to-github#0 peerKind: expected DNS names api.github.com (cannot decide without DNS names), got world 140.82.112.3"
            ]),
    ]

    /// Should match Cilium peers and L4 as the reference says, in every policy order.
    @Test(arguments: rows)
    func peers(row: Row) throws {
        try check(row, options: EngineOptions(dialect: .cilium))
    }

    /// Should put every endpoint into default deny under enforcement `always`.
    @Test func enforcementAlwaysDeniesUnselectedEndpoints() throws {
        try check(
            Row(
                name: "always", policies: [], from: "shop/frontend", to: "shop/web",
                egress: "default-deny (policy enforcement mode always)",
                ingress: "default-deny (policy enforcement mode always)"),
            options: EngineOptions(dialect: .cilium, ciliumEnforcement: .always))
    }

    /// Should enforce nothing under enforcement `never`.
    @Test func enforcementNeverAllowsEverything() throws {
        try check(
            Row(
                name: "never", policies: [Self.webDenyAll], from: "shop/frontend", to: "shop/web", egress: "not-isolated",
                ingress: "not-isolated"),
            options: EngineOptions(dialect: .cilium, ciliumEnforcement: .never))
    }
}
