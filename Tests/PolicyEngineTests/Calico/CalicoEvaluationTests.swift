import PolicyEngine
import Testing

/// Calico's ordered evaluation: tiers, policy order, first decisive rule, Pass, Log, end of tier,
/// profiles and staged policies (reference `calico-policy.md` §2, §5, §6).
struct CalicoEvaluationTests {
    static let knpDenyAll = policy("deny-all", "podSelector: {}")
    static let allowFrontend = calico(
        "NetworkPolicy", "allow-frontend", "selector: app == 'web'\ningress:\n- {action: Allow, source: {selector: app == 'frontend'}}")
    static func ordered(_ name: String, order: Int, action: String) -> String {
        calico(
            "NetworkPolicy", name,
            "order: \(order)\nselector: app == 'web'\ningress:\n- {action: \(action), source: {selector: app == 'frontend'}}")
    }
    static let securityTier = tier("security", order: 100)
    static let platformTier = tier("platform", order: 50, defaultAction: "Pass")
    static let passAll = calico(
        "GlobalNetworkPolicy", "security.pass-web", in: nil, "tier: security\nselector: app == 'web'\ningress:\n- {action: Pass}")
    static let securityAllowCrawler = calico(
        "GlobalNetworkPolicy", "security.allow-crawler", in: nil,
        "tier: security\nselector: app == 'web'\ningress:\n- {action: Allow, source: {selector: app == 'crawler'}}")
    static let platformAllowCrawler = calico(
        "GlobalNetworkPolicy", "platform.allow-crawler", in: nil,
        "tier: platform\nselector: app == 'web'\ningress:\n- {action: Allow, source: {selector: app == 'crawler'}}")
    static let logThenAllow = calico(
        "NetworkPolicy", "log-then-allow",
        "selector: app == 'web'\ningress:\n- {action: Log}\n- {action: Allow, source: {selector: app == 'frontend'}}")
    static let stagedDenyAll = calico("StagedNetworkPolicy", "staged-deny", "selector: app == 'web'\ntypes: [Ingress]")
    static let calicoDenyBeforeKubernetes = calico(
        "NetworkPolicy", "deny-frontend",
        "order: 500\nselector: app == 'web'\ningress:\n- {action: Deny, source: {selector: app == 'frontend'}}")
    static let calicoDenyAfterKubernetes = calico(
        "NetworkPolicy", "deny-frontend",
        "order: 2000\nselector: app == 'web'\ningress:\n- {action: Deny, source: {selector: app == 'frontend'}}")
    static let knpAllowFrontend = PeerSelectionTests.fromFrontendPods
    static let denyingProfile = calico(
        "Profile", "kns.shop", in: nil,
        "ingress:\n- {action: Allow, source: {selector: app == 'frontend'}}\n- {action: Deny}\negress:\n- {action: Allow}")

    static let rows: [Row] = [
        Row(
            name: "no policy: the profile allows", policies: [], from: "shop/frontend", to: "shop/web", egress: "not-isolated",
            ingress: "not-isolated"),
        Row(
            name: "a Kubernetes deny-all ends at the default tier", policies: [knpDenyAll], from: "shop/frontend", to: "shop/web",
            egress: "not-isolated", ingress: "end-of-tier shop/deny-all"),
        Row(
            name: "an Allow rule decides", policies: [allowFrontend], from: "shop/frontend", to: "shop/web", egress: "not-isolated",
            ingress: "allowed-by shop/allow-frontend#0"),
        Row(
            name: "no rule decides: end of tier, with near misses", policies: [allowFrontend], from: "shop/db", to: "shop/web",
            egress: "not-isolated", ingress: "end-of-tier shop/allow-frontend",
            nearMisses: [
                "ingress shop/allow-frontend#0 podLabel: expected selector app == \"frontend\", got shop/db with app=db"
            ]),
        Row(
            name: "order matters: an earlier Deny wins",
            policies: [ordered("a", order: 100, action: "Deny"), ordered("b", order: 200, action: "Allow")],
            from: "shop/frontend", to: "shop/web", egress: "not-isolated", ingress: "explicit-deny shop/a#0"),
        Row(
            name: "order matters: an earlier Allow wins",
            policies: [ordered("a", order: 200, action: "Deny"), ordered("b", order: 100, action: "Allow")],
            from: "shop/frontend", to: "shop/web", egress: "not-isolated", ingress: "allowed-by shop/b#0"),
        Row(
            name: "equal order: the name decides",
            policies: [ordered("b", order: 100, action: "Deny"), ordered("a", order: 100, action: "Allow")],
            from: "shop/frontend", to: "shop/web", egress: "not-isolated", ingress: "allowed-by shop/a#0"),
        Row(
            name: "Pass leaves the tier for the next one", policies: [securityTier, passAll, knpDenyAll], from: "shop/frontend",
            to: "shop/web", egress: "not-isolated", ingress: "end-of-tier shop/deny-all"),
        Row(
            name: "Pass with no later tier reaches the profile", policies: [securityTier, passAll], from: "shop/frontend",
            to: "shop/web", egress: "not-isolated",
            ingress: "allowed-by kns.shop#0 (every tier that applies passed; the namespace profile allows)"),
        Row(
            name: "a tier that applies denies at its end", policies: [securityTier, securityAllowCrawler], from: "shop/frontend",
            to: "shop/web", egress: "not-isolated", ingress: "end-of-tier security.allow-crawler",
            nearMisses: [
                "ingress security.allow-crawler#0 podLabel: expected selector app == \"crawler\", got shop/frontend with app=frontend,tier=frontend"
            ]),
        Row(
            name: "a tier that applies allows before later tiers", policies: [securityTier, securityAllowCrawler, knpDenyAll],
            from: "marketing/crawler", to: "shop/web", egress: "not-isolated", ingress: "allowed-by security.allow-crawler#0"),
        Row(
            name: "a Pass default action falls through to the profile", policies: [platformTier, platformAllowCrawler],
            from: "shop/frontend", to: "shop/web", egress: "not-isolated",
            ingress: "allowed-by kns.shop#0 (every tier that applies passed; the namespace profile allows)"),
        Row(
            name: "Log goes on and counts as a rule index", policies: [logThenAllow], from: "shop/frontend", to: "shop/web",
            egress: "not-isolated", ingress: "allowed-by shop/log-then-allow#1"),
        Row(
            name: "a Calico Deny ordered before Kubernetes policies wins", policies: [calicoDenyBeforeKubernetes, knpAllowFrontend],
            from: "shop/frontend", to: "shop/web", egress: "not-isolated", ingress: "explicit-deny shop/deny-frontend#0"),
        Row(
            name: "Kubernetes policies (order 1000) come before a later Calico Deny",
            policies: [calicoDenyAfterKubernetes, knpAllowFrontend],
            from: "shop/frontend", to: "shop/web", egress: "not-isolated", ingress: "allowed-by shop/from-frontend#0"),
        Row(
            name: "a staged policy never enforces but is reported", policies: [stagedDenyAll], from: "shop/frontend", to: "shop/web",
            egress: "not-isolated",
            ingress: "staged shop/staged-deny (allowed today (not-isolated); denied (end-of-tier) once the staged policies are enforced)"),
    ]

    /// Should evaluate tiers and policies in Calico's order, whatever order the snapshot lists them in.
    @Test(arguments: rows)
    func evaluation(row: Row) throws {
        try check(row, options: EngineOptions(dialect: .calico))
    }
}
