import Testing

/// Rules with ports but no peers, peers but no ports, the empty rule, and empty vs missing lists.
struct RuleShapeTests {
    static func web(_ name: String, _ rules: String) -> String {
        policy(name, "podSelector: {matchLabels: {app: web}}\ningress:\n" + rules)
    }

    static let portsOnly = web("ports-only", "- ports: [{port: 80}]")
    static let peersOnly = web("peers-only", "- from: [{podSelector: {matchLabels: {app: frontend}}}]")
    static let emptyRule = web("empty-rule", "- {}")
    static let fromEmptyList = web("from-empty", "- from: []\n  ports: [{port: 80}]")
    static let portsEmptyList = web("ports-empty", "- from: [{podSelector: {matchLabels: {app: frontend}}}]\n  ports: []")
    static let twoRules = web(
        "two-rules",
        "- from: [{podSelector: {matchLabels: {app: db}}}]\n- from: [{podSelector: {matchLabels: {app: frontend}}}]\n  ports: [{port: 80}]")

    static let rows: [Row] = [
        Row(
            name: "ports without peers admit every peer on those ports", policies: [portsOnly], from: "203.0.113.9", to: "shop/web",
            egress: "not-isolated", ingress: "allowed-by shop/ports-only#0"),
        Row(
            name: "ports without peers still restrict the port", policies: [portsOnly], from: "shop/frontend", to: "shop/web",
            port: 443, egress: "not-isolated", ingress: "default-deny shop/ports-only",
            nearMisses: ["ingress shop/ports-only#0 port: expected [80], got 443"]),
        Row(
            name: "peers without ports admit every port", policies: [peersOnly], from: "shop/frontend", to: "shop/web", port: 6379,
            egress: "not-isolated", ingress: "allowed-by shop/peers-only#0"),
        Row(
            name: "peers without ports admit ICMP", policies: [peersOnly], from: "shop/frontend", to: "shop/web", port: nil,
            proto: "ICMP", egress: "not-isolated", ingress: "allowed-by shop/peers-only#0"),
        Row(
            name: "the empty rule admits everything", policies: [emptyRule], from: "world", to: "shop/web", port: 22,
            egress: "not-isolated", ingress: "allowed-by shop/empty-rule#0"),
        Row(
            name: "from: [] is the same as no from", policies: [fromEmptyList], from: "marketing/crawler", to: "shop/web",
            egress: "not-isolated", ingress: "allowed-by shop/from-empty#0"),
        Row(
            name: "ports: [] is the same as no ports", policies: [portsEmptyList], from: "shop/frontend", to: "shop/web", port: 8443,
            egress: "not-isolated", ingress: "allowed-by shop/ports-empty#0"),
        Row(
            name: "the rule index is the position in the list as written", policies: [twoRules], from: "shop/frontend",
            to: "shop/web", egress: "not-isolated", ingress: "allowed-by shop/two-rules#1"),
        Row(
            name: "near misses name their rule index", policies: [twoRules], from: "shop/frontend", to: "shop/web", port: 81,
            egress: "not-isolated", ingress: "default-deny shop/two-rules",
            nearMisses: [
                "ingress shop/two-rules#0 podLabel: expected app=db, got app=frontend",
                "ingress shop/two-rules#1 port: expected [80], got 81",
            ]),
    ]

    /// Should treat rule shapes and empty vs missing lists as the API reference says, in every order.
    @Test(arguments: rows)
    func ruleShapes(row: Row) throws {
        try check(row)
    }
}
