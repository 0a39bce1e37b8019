import Testing

/// `ipBlock` with `cidr` and `except`, IPv4 and IPv6; pod addresses count (as upstream conformance
/// tests expect); external addresses are matched only by IP blocks.
struct IPBlockTests {
    static func webFromBlock(_ name: String, _ block: String) -> String {
        policy(name, "podSelector: {matchLabels: {app: web}}\ningress:\n- from:\n  - ipBlock: \(block)")
    }

    static let marketingRange = webFromBlock("from-marketing-range", "{cidr: 10.0.2.0/24}")
    static let marketingExceptCrawler = webFromBlock("from-range-except", "{cidr: 10.0.2.0/24, except: [10.0.2.11/32]}")
    static let documentationRange = webFromBlock("from-docs", "{cidr: 203.0.113.0/24}")
    static let ipv6Range = webFromBlock("from-v6", "{cidr: \"fd00:2::/64\"}")
    static let everywhere = webFromBlock("from-anywhere", "{cidr: 0.0.0.0/0}")
    static let allPods = policy(
        "from-all-pods", "podSelector: {matchLabels: {app: web}}\ningress:\n- from:\n  - namespaceSelector: {}")
    static let egressToInternet = policy(
        "frontend-to-internet",
        "podSelector: {matchLabels: {app: frontend}}\npolicyTypes: [Egress]\negress:\n- to:\n  - ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}"
    )

    static let rows: [Row] = [
        Row(
            name: "a pod address inside the block matches", policies: [marketingRange], from: "marketing/crawler", to: "shop/web",
            egress: "not-isolated", ingress: "allowed-by shop/from-marketing-range#0"),
        Row(
            name: "the pod address inside except does not match", policies: [marketingExceptCrawler], from: "marketing/crawler",
            to: "shop/web", egress: "not-isolated", ingress: "default-deny shop/from-range-except",
            nearMisses: ["ingress shop/from-range-except#0 ipBlock: expected 10.0.2.0/24 except 10.0.2.11/32, got 10.0.2.11"]),
        Row(
            name: "another address of the block still matches", policies: [marketingExceptCrawler], from: "marketing/frontend",
            to: "shop/web", egress: "not-isolated", ingress: "allowed-by shop/from-range-except#0"),
        Row(
            name: "an external address inside the block matches", policies: [documentationRange], from: "203.0.113.9", to: "shop/web",
            egress: "not-isolated", ingress: "allowed-by shop/from-docs#0"),
        Row(
            name: "an external address outside the block is a near miss", policies: [documentationRange], from: "198.51.100.1",
            to: "shop/web", egress: "not-isolated", ingress: "default-deny shop/from-docs",
            nearMisses: ["ingress shop/from-docs#0 ipBlock: expected 203.0.113.0/24, got 198.51.100.1"]),
        Row(
            name: "an IPv6 address inside an IPv6 block matches", policies: [ipv6Range], from: "fd00:2::5", to: "shop/web",
            egress: "not-isolated", ingress: "allowed-by shop/from-v6#0"),
        Row(
            name: "an IPv4 address never matches an IPv6 block", policies: [ipv6Range], from: "203.0.113.9", to: "shop/web",
            egress: "not-isolated", ingress: "default-deny shop/from-v6",
            nearMisses: ["ingress shop/from-v6#0 ipBlock: expected fd00:2::/64, got 203.0.113.9"]),
        Row(
            name: "an unknown external address matches 0.0.0.0/0", policies: [everywhere], from: "world", to: "shop/web",
            egress: "not-isolated", ingress: "allowed-by shop/from-anywhere#0"),
        Row(
            name: "pod selectors never select external addresses", policies: [allPods], from: "203.0.113.9", to: "shop/web",
            egress: "not-isolated", ingress: "default-deny shop/from-all-pods",
            nearMisses: ["ingress shop/from-all-pods#0 peerKind: expected pods {} in namespaces {}, got world 203.0.113.9"]),
        Row(
            name: "egress to the internet is allowed outside except", policies: [egressToInternet], from: "shop/frontend",
            to: "93.184.216.34", port: 443, egress: "allowed-by shop/frontend-to-internet#0", ingress: "not-isolated"),
        Row(
            name: "egress to a pod inside except is denied", policies: [egressToInternet], from: "shop/frontend", to: "shop/web",
            egress: "default-deny shop/frontend-to-internet", ingress: "not-isolated",
            nearMisses: ["egress shop/frontend-to-internet#0 ipBlock: expected 0.0.0.0/0 except 10.0.0.0/8, got 10.0.1.10"]),
    ]

    /// Should match IP blocks on addresses, in every policy order.
    @Test(arguments: rows)
    func ipBlocks(row: Row) throws {
        try check(row)
    }
}
