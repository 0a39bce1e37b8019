import Testing

/// `podSelector`, `namespaceSelector`, both (AND), several peers (OR), and `matchExpressions`.
struct PeerSelectionTests {
    static func webFrom(_ name: String, _ peers: String) -> String {
        policy(name, "podSelector: {matchLabels: {app: web}}\ningress:\n- from:\n" + peers)
    }

    static let fromFrontendPods = webFrom("from-frontend", "  - podSelector: {matchLabels: {app: frontend}}")
    static let fromTypo = webFrom("from-frontnd", "  - podSelector: {matchLabels: {app: frontnd}}")
    static let fromMarketing = webFrom("from-marketing", "  - namespaceSelector: {matchLabels: {team: marketing}}")
    static let fromAllNamespaces = webFrom("from-all-namespaces", "  - namespaceSelector: {}")
    static let fromMarketingFrontend = webFrom(
        "from-marketing-frontend",
        "  - namespaceSelector: {matchLabels: {team: marketing}}\n    podSelector: {matchLabels: {app: frontend}}")
    static let fromMarketingOrFrontend = webFrom(
        "from-marketing-or-frontend",
        "  - namespaceSelector: {matchLabels: {team: marketing}}\n  - podSelector: {matchLabels: {app: frontend}}")
    static let fromNameLabel = webFrom(
        "from-shop-by-name", "  - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: shop}}")
    static let fromPaymentsByName = webFrom(
        "from-payments-by-name", "  - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: payments}}")
    static func expression(_ name: String, _ expression: String) -> String {
        webFrom(name, "  - namespaceSelector: {}\n    podSelector:\n      matchExpressions:\n      - " + expression)
    }
    static let appIn = expression("app-in", "{key: app, operator: In, values: [frontend, crawler]}")
    static let appNotIn = expression("app-notin", "{key: app, operator: NotIn, values: [crawler]}")
    static let tierExists = expression("tier-exists", "{key: tier, operator: Exists}")
    static let tierDoesNotExist = expression("tier-absent", "{key: tier, operator: DoesNotExist}")

    static let rows: [Row] = [
        Row(
            name: "podSelector selects a pod of the policy's namespace", policies: [fromFrontendPods], from: "shop/frontend",
            to: "shop/web", egress: "not-isolated", ingress: "allowed-by shop/from-frontend#0"),
        Row(
            name: "podSelector alone never selects another namespace", policies: [fromFrontendPods], from: "marketing/frontend",
            to: "shop/web", egress: "not-isolated", ingress: "default-deny shop/from-frontend",
            nearMisses: ["ingress shop/from-frontend#0 namespace: expected namespace shop, got namespace marketing"]),
        Row(
            name: "a label typo is a near miss", policies: [fromTypo], from: "shop/frontend", to: "shop/web", egress: "not-isolated",
            ingress: "default-deny shop/from-frontnd",
            nearMisses: ["ingress shop/from-frontnd#0 podLabel: expected app=frontnd, got app=frontend"]),
        Row(
            name: "two failed constraints are not a near miss", policies: [fromTypo], from: "marketing/crawler", to: "shop/web",
            egress: "not-isolated", ingress: "default-deny shop/from-frontnd"),
        Row(
            name: "namespaceSelector alone selects every pod of matching namespaces", policies: [fromMarketing],
            from: "marketing/crawler", to: "shop/web", egress: "not-isolated", ingress: "allowed-by shop/from-marketing#0"),
        Row(
            name: "namespaceSelector alone rejects other namespaces", policies: [fromMarketing], from: "shop/frontend", to: "shop/web",
            egress: "not-isolated", ingress: "default-deny shop/from-marketing",
            nearMisses: ["ingress shop/from-marketing#0 namespace: expected namespace with team=marketing, got namespace shop (team=shop)"]),
        Row(
            name: "namespaceSelector {} selects all namespaces", policies: [fromAllNamespaces], from: "marketing/crawler",
            to: "shop/web", egress: "not-isolated", ingress: "allowed-by shop/from-all-namespaces#0"),
        Row(
            name: "the name label is set although the snapshot omits it", policies: [fromNameLabel], from: "shop/batch",
            to: "shop/web", egress: "not-isolated", ingress: "allowed-by shop/from-shop-by-name#0"),
        Row(
            name: "the name label is set for a namespace missing from the snapshot", policies: [fromPaymentsByName],
            from: "payments/gateway", to: "shop/web", egress: "not-isolated", ingress: "allowed-by shop/from-payments-by-name#0"),
        Row(
            name: "both selectors in one peer: AND, matched", policies: [fromMarketingFrontend], from: "marketing/frontend",
            to: "shop/web", egress: "not-isolated", ingress: "allowed-by shop/from-marketing-frontend#0"),
        Row(
            name: "both selectors in one peer: AND, wrong pod", policies: [fromMarketingFrontend], from: "marketing/crawler",
            to: "shop/web", egress: "not-isolated", ingress: "default-deny shop/from-marketing-frontend",
            nearMisses: ["ingress shop/from-marketing-frontend#0 podLabel: expected app=frontend, got app=crawler"]),
        Row(
            name: "both selectors in one peer: AND, wrong namespace", policies: [fromMarketingFrontend], from: "shop/frontend",
            to: "shop/web", egress: "not-isolated", ingress: "default-deny shop/from-marketing-frontend",
            nearMisses: [
                "ingress shop/from-marketing-frontend#0 namespace: expected namespace with team=marketing, got namespace shop (team=shop)"
            ]),
        Row(
            name: "two peers: OR, first peer", policies: [fromMarketingOrFrontend], from: "marketing/crawler", to: "shop/web",
            egress: "not-isolated", ingress: "allowed-by shop/from-marketing-or-frontend#0"),
        Row(
            name: "two peers: OR, second peer", policies: [fromMarketingOrFrontend], from: "shop/frontend", to: "shop/web",
            egress: "not-isolated", ingress: "allowed-by shop/from-marketing-or-frontend#0"),
        Row(
            name: "two peers: each one-off peer is a near miss", policies: [fromMarketingOrFrontend], from: "shop/db", to: "shop/web",
            egress: "not-isolated", ingress: "default-deny shop/from-marketing-or-frontend",
            nearMisses: [
                "ingress shop/from-marketing-or-frontend#0 namespace: expected namespace with team=marketing, got namespace shop (team=shop)",
                "ingress shop/from-marketing-or-frontend#0 podLabel: expected app=frontend, got app=db",
            ]),
        Row(
            name: "In matches a listed value", policies: [appIn], from: "marketing/crawler", to: "shop/web", egress: "not-isolated",
            ingress: "allowed-by shop/app-in#0"),
        Row(
            name: "In rejects a missing label", policies: [appIn], from: "shop/batch", to: "shop/web", egress: "not-isolated",
            ingress: "default-deny shop/app-in",
            nearMisses: ["ingress shop/app-in#0 podLabel: expected app in (frontend,crawler), got no label app"]),
        Row(
            name: "NotIn rejects a listed value", policies: [appNotIn], from: "marketing/crawler", to: "shop/web",
            egress: "not-isolated", ingress: "default-deny shop/app-notin",
            nearMisses: ["ingress shop/app-notin#0 podLabel: expected app notin (crawler), got app=crawler"]),
        Row(
            name: "NotIn matches a pod without the label", policies: [appNotIn], from: "shop/batch", to: "shop/web",
            egress: "not-isolated", ingress: "allowed-by shop/app-notin#0"),
        Row(
            name: "Exists matches any value", policies: [tierExists], from: "shop/frontend", to: "shop/web", egress: "not-isolated",
            ingress: "allowed-by shop/tier-exists#0"),
        Row(
            name: "Exists rejects a missing label", policies: [tierExists], from: "shop/db", to: "shop/web", egress: "not-isolated",
            ingress: "default-deny shop/tier-exists",
            nearMisses: ["ingress shop/tier-exists#0 podLabel: expected tier, got no label tier"]),
        Row(
            name: "DoesNotExist matches a missing label", policies: [tierDoesNotExist], from: "shop/db", to: "shop/web",
            egress: "not-isolated", ingress: "allowed-by shop/tier-absent#0"),
        Row(
            name: "DoesNotExist rejects a present label", policies: [tierDoesNotExist], from: "shop/frontend", to: "shop/web",
            egress: "not-isolated", ingress: "default-deny shop/tier-absent",
            nearMisses: ["ingress shop/tier-absent#0 podLabel: expected !tier, got tier=frontend"]),
    ]

    /// Should select peers exactly as the API reference says, in every policy order.
    @Test(arguments: rows)
    func peerSelection(row: Row) throws {
        try check(row)
    }
}
