import PolicyEngine
import Testing

/// Which endpoints Cilium rules select and how deny, allow and default deny combine
/// (reference `cilium-policy.md` §2, §7, §10, §11).
struct CiliumSelectionTests {
    static let fromOwnNamespace = cnp("web-from-ns", selecting("web", "ingress:\n- fromEndpoints: [{}]"))
    static let fromAnyPod = ccnp("web-from-pods", selecting("web", "ingress:\n- fromEndpoints: [{}]"))
    static let marketingDenyAll = cnp("deny", in: "marketing", "endpointSelector: {}\ningress:\n- {}")
    static let allowAll = cnp("allow-all", selecting("web", "ingress:\n- fromEntities: [all]"))
    static let denyFrontend = cnp("deny-frontend", selecting("web", "ingressDeny:\n- fromEndpoints: [{matchLabels: {app: frontend}}]"))
    static let seed = ccnp("deny-frontend-to-web", selecting("web", "ingressDeny:\n- fromEndpoints: [{matchLabels: {app: frontend}}]"))
    static let seedWithoutDefaultDeny = ccnp(
        "deny-frontend-to-web",
        selecting("web", "enableDefaultDeny: {ingress: false}\ningressDeny:\n- fromEndpoints: [{matchLabels: {app: frontend}}]"))
    static let knpAllowFrontend = policy(
        "knp-allow-frontend", "podSelector: {matchLabels: {app: web}}\ningress:\n- from:\n  - podSelector: {matchLabels: {app: frontend}}")
    static let cnpAllowCrawler = cnp(
        "cnp-allow-crawler",
        selecting("web", "ingress:\n- fromEndpoints: [{matchLabels: {app: crawler, io.kubernetes.pod.namespace: marketing}}]"))
    static let sourcePrefix = cnp("k8s-prefix", selecting("web", "ingress:\n- fromEndpoints: [{matchLabels: {\"k8s:app\": frontend}}]"))
    static let twoSpecs = """
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: multi, namespace: shop}
        specs:
        - endpointSelector: {matchLabels: {app: web}}
          ingress:
          - fromEndpoints: [{matchLabels: {app: frontend}}]
        - endpointSelector: {matchLabels: {app: web}}
          ingress:
          - fromEndpoints: [{matchLabels: {app: crawler, io.kubernetes.pod.namespace: marketing}}]
        """
    static let requireTier = cnp("require-frontend-tier", selecting("web", "ingress:\n- fromRequires: [{matchLabels: {tier: frontend}}]"))
    static let seedHint =
        "CiliumClusterwideNetworkPolicy deny-frontend-to-web: this policy's ingressDeny section puts app=web into ingress default deny; "
        + "to deny only app=frontend, set `enableDefaultDeny: {ingress: false}` (Cilium ≥ 1.16) or add an ingress allow rule"

    static let rows: [Row] = [
        Row(
            name: "a CNP's {} peer is its own namespace", policies: [fromOwnNamespace], from: "shop/db", to: "shop/web",
            egress: "not-isolated", ingress: "allowed-by shop/web-from-ns#0"),
        Row(
            name: "a CNP's {} peer is not another namespace", policies: [fromOwnNamespace], from: "marketing/crawler", to: "shop/web",
            egress: "not-isolated", ingress: "default-deny shop/web-from-ns",
            nearMisses: ["ingress shop/web-from-ns#0 namespace: expected namespace shop, got namespace marketing"]),
        Row(
            name: "a CCNP's {} peer is every pod", policies: [fromAnyPod], from: "marketing/crawler", to: "shop/web",
            egress: "not-isolated", ingress: "allowed-by web-from-pods#0"),
        Row(
            name: "a CCNP's {} peer is no external address", policies: [fromAnyPod], from: "203.0.113.9", to: "shop/web",
            egress: "not-isolated", ingress: "default-deny web-from-pods",
            nearMisses: ["ingress web-from-pods#0 peerKind: expected pods, got world 203.0.113.9"]),
        Row(
            name: "a CNP selects only pods of its namespace", policies: [marketingDenyAll], from: "shop/frontend", to: "shop/web",
            egress: "not-isolated", ingress: "not-isolated"),
        Row(
            name: "an empty rule enters default deny and admits nothing", policies: [marketingDenyAll], from: "shop/frontend",
            to: "marketing/crawler", egress: "not-isolated", ingress: "default-deny marketing/deny"),
        Row(
            name: "deny wins over allow", policies: [allowAll, denyFrontend], from: "shop/frontend", to: "shop/web",
            egress: "not-isolated", ingress: "explicit-deny shop/deny-frontend#ingressDeny0"),
        Row(
            name: "allow applies where no deny matches", policies: [allowAll, denyFrontend], from: "shop/db", to: "shop/web",
            egress: "not-isolated", ingress: "allowed-by shop/allow-all#0"),
        Row(
            name: "seed: the denied peer hits the deny rule", policies: [seed], from: "marketing/frontend", to: "shop/web",
            egress: "not-isolated", ingress: "explicit-deny deny-frontend-to-web#ingressDeny0"),
        Row(
            name: "seed: every other peer hits default deny, with the fix hint", policies: [seed], from: "shop/db", to: "shop/web",
            egress: "not-isolated", ingress: "default-deny deny-frontend-to-web (\(seedHint))"),
        Row(
            name: "enableDefaultDeny false keeps other peers allowed", policies: [seedWithoutDefaultDeny], from: "shop/db",
            to: "shop/web", egress: "not-isolated", ingress: "not-isolated"),
        Row(
            name: "enableDefaultDeny false still denies the deny rule's peers", policies: [seedWithoutDefaultDeny],
            from: "shop/frontend", to: "shop/web", egress: "not-isolated", ingress: "explicit-deny deny-frontend-to-web#ingressDeny0"),
        Row(
            name: "Kubernetes and Cilium allows form one union (Cilium rule)", policies: [knpAllowFrontend, cnpAllowCrawler],
            from: "marketing/crawler", to: "shop/web", egress: "not-isolated", ingress: "allowed-by shop/cnp-allow-crawler#0"),
        Row(
            name: "Kubernetes and Cilium allows form one union (Kubernetes rule)", policies: [knpAllowFrontend, cnpAllowCrawler],
            from: "shop/frontend", to: "shop/web", egress: "not-isolated", ingress: "allowed-by shop/knp-allow-frontend#0"),
        Row(
            name: "a Kubernetes ipBlock never matches pods under Cilium", policies: [IPBlockTests.marketingRange],
            from: "marketing/crawler", to: "shop/web", egress: "not-isolated", ingress: "default-deny shop/from-marketing-range",
            nearMisses: ["ingress shop/from-marketing-range#0 peerKind: expected CIDR 10.0.2.0/24, got marketing/crawler"]),
        Row(
            name: "a key with source k8s matches pod labels", policies: [sourcePrefix], from: "shop/frontend", to: "shop/web",
            egress: "not-isolated", ingress: "allowed-by shop/k8s-prefix#0"),
        Row(
            name: "specs report their index", policies: [twoSpecs], from: "marketing/crawler", to: "shop/web", egress: "not-isolated",
            ingress: "allowed-by shop/multi[1]#0"),
        Row(
            name: "fromRequires adds a requirement to every peer", policies: [fromOwnNamespace, requireTier], from: "shop/db",
            to: "shop/web", egress: "not-isolated", ingress: "default-deny shop/require-frontend-tier shop/web-from-ns",
            nearMisses: ["ingress shop/web-from-ns#0 podLabel: expected tier=frontend, got no label tier"]),
        Row(
            name: "fromRequires admits peers that meet it", policies: [fromOwnNamespace, requireTier], from: "shop/frontend",
            to: "shop/web", egress: "not-isolated", ingress: "allowed-by shop/web-from-ns#0"),
    ]

    /// Should select, deny and allow as Cilium does, in every policy order.
    @Test(arguments: rows)
    func selection(row: Row) throws {
        try check(row, options: EngineOptions(dialect: .cilium))
    }
}
