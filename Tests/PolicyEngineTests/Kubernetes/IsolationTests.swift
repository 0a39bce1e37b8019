import ClusterLoader
import PolicyEngine
import Testing

/// Isolation per direction and `policyTypes` inference (NetworkPolicy API reference).
struct IsolationTests {
    static let denyAllIngressAbsent = policy("deny-all", "podSelector: {}")
    static let denyAllIngressEmpty = policy("deny-all", "podSelector: {}\ningress: []")
    static let denyAllIngressNull = policy("deny-all", "podSelector: {}\ningress:")
    static let frontendEgressEmptyList = policy("frontend-egress", "podSelector: {matchLabels: {app: frontend}}\negress: []")
    static let frontendEgressToDB = policy(
        "frontend-to-db", "podSelector: {matchLabels: {app: frontend}}\negress:\n- to:\n  - podSelector: {matchLabels: {app: db}}")
    static let frontendEgressOnly = policy("frontend-no-egress", "podSelector: {matchLabels: {app: frontend}}\npolicyTypes: [Egress]")
    static let denyBoth = policy("deny-both", "podSelector: {}\npolicyTypes: [Ingress, Egress]\ningress: []\negress: []")
    static let webAllowFrontend = policy(
        "web-allow-frontend", "podSelector: {matchLabels: {app: web}}\ningress:\n- from:\n  - podSelector: {matchLabels: {app: frontend}}")
    static let webAllowTier = policy(
        "web-allow-tier", "podSelector: {matchLabels: {app: web}}\ningress:\n- from:\n  - podSelector: {matchLabels: {tier: frontend}}")
    static let policyTypo = policy("webapp-deny-all", "podSelector: {matchLabels: {app: webapp}}")

    static let rows: [Row] = [
        Row(
            name: "no policy: nothing is isolated", policies: [], from: "shop/frontend", to: "shop/web", egress: "not-isolated",
            ingress: "not-isolated"),
        Row(
            name: "ingress absent isolates ingress", policies: [denyAllIngressAbsent], from: "shop/frontend", to: "shop/web",
            egress: "not-isolated", ingress: "default-deny shop/deny-all"),
        Row(
            name: "ingress: [] isolates ingress", policies: [denyAllIngressEmpty], from: "shop/frontend", to: "shop/web",
            egress: "not-isolated", ingress: "default-deny shop/deny-all"),
        Row(
            name: "ingress: null isolates ingress", policies: [denyAllIngressNull], from: "shop/frontend", to: "shop/web",
            egress: "not-isolated", ingress: "default-deny shop/deny-all"),
        Row(
            name: "isolation is per namespace", policies: [denyAllIngressEmpty], from: "shop/frontend", to: "marketing/crawler",
            egress: "not-isolated", ingress: "not-isolated"),
        Row(
            name: "egress: [] without policyTypes does not isolate egress", policies: [frontendEgressEmptyList], from: "shop/frontend",
            to: "shop/web", egress: "not-isolated", ingress: "not-isolated"),
        Row(
            name: "an egress rule infers the Egress type", policies: [frontendEgressToDB], from: "shop/frontend", to: "shop/web",
            egress: "default-deny shop/frontend-to-db", ingress: "not-isolated",
            nearMisses: ["egress shop/frontend-to-db#0 podLabel: expected app=db, got app=web"]),
        Row(
            name: "the inferred egress rule allows its peer", policies: [frontendEgressToDB], from: "shop/frontend", to: "shop/db",
            port: 5432, egress: "allowed-by shop/frontend-to-db#0", ingress: "not-isolated"),
        Row(
            name: "the inferred Ingress type isolates ingress of the same pods", policies: [frontendEgressToDB], from: "shop/web",
            to: "shop/frontend", egress: "not-isolated", ingress: "default-deny shop/frontend-to-db"),
        Row(
            name: "explicit policyTypes [Egress] with no rules denies egress only", policies: [frontendEgressOnly], from: "shop/frontend",
            to: "shop/web", egress: "default-deny shop/frontend-no-egress", ingress: "not-isolated"),
        Row(
            name: "explicit policyTypes [Egress] leaves ingress open", policies: [frontendEgressOnly], from: "shop/web",
            to: "shop/frontend", egress: "not-isolated", ingress: "not-isolated"),
        Row(
            name: "both sides must allow: both deny", policies: [denyBoth], from: "shop/frontend", to: "shop/web",
            egress: "default-deny shop/deny-both", ingress: "default-deny shop/deny-both"),
        Row(
            name: "an allow rule opens an isolated pod", policies: [denyAllIngressEmpty, webAllowFrontend], from: "shop/frontend",
            to: "shop/web", egress: "not-isolated", ingress: "allowed-by shop/web-allow-frontend#0"),
        Row(
            name: "default deny names every isolating policy", policies: [denyAllIngressEmpty, webAllowFrontend], from: "shop/db",
            to: "shop/web", egress: "not-isolated", ingress: "default-deny shop/deny-all shop/web-allow-frontend",
            nearMisses: ["ingress shop/web-allow-frontend#0 podLabel: expected app=frontend, got app=db"]),
        Row(
            name: "allowing policies form a union and all are named", policies: [webAllowFrontend, webAllowTier, denyAllIngressAbsent],
            from: "shop/frontend", to: "shop/web", egress: "not-isolated",
            ingress: "allowed-by shop/web-allow-frontend#0 shop/web-allow-tier#0"),
        Row(
            name: "a typo in the policy's own selector leaves the pod unprotected", policies: [policyTypo], from: "shop/frontend",
            to: "shop/web", egress: "not-isolated", ingress: "not-isolated"),
        Row(
            name: "egress denied at the source even when ingress allows", policies: [frontendEgressOnly, webAllowFrontend],
            from: "shop/frontend", to: "shop/web", egress: "default-deny shop/frontend-no-egress",
            ingress: "allowed-by shop/web-allow-frontend#0"),
    ]

    /// Should isolate per direction as policyTypes (written or inferred) say, in every policy order.
    @Test(arguments: rows)
    func isolation(row: Row) throws {
        try check(row)
    }
}

extension IsolationTests {
    /// Should name the deny-all policies (no rule in the direction) apart from the others.
    @Test func namesPoliciesWithoutRules() throws {
        let base = try ClusterLoader.load(text: baseCluster, file: "base.yaml").state
        var cluster = base
        cluster.networkPolicies = try ClusterLoader.load(
            text: [Self.denyAllIngressEmpty, Self.webAllowFrontend].joined(separator: "\n---\n"), file: "p.yaml"
        ).state.networkPolicies
        let engine = PolicyEngine(cluster: cluster)
        let decision = engine.evaluate(try ExplainConnection(from: "shop/db", to: "shop/web", port: 80, proto: "TCP").connection(engine))
        #expect(decision.ingress.policiesWithoutRules.map(\.qualifiedName) == ["shop/deny-all"])
        #expect(decision.ingress.policies.map(\.qualifiedName) == ["shop/deny-all", "shop/web-allow-frontend"])
    }
}
