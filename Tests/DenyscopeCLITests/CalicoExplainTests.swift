import DenyscopeTestSupport
import Testing

/// Calico end to end: a security tier before the default tier, where a Calico policy and a
/// Kubernetes NetworkPolicy both select the web pods.
struct CalicoExplainTests {
    static let snapshot = "fixtures/cluster/calico-tiers/snapshot.yaml"

    /// Should name the tier and every policy of it that selected the endpoint (text and JSON).
    @Test func endOfTierNamesEveryPolicy() throws {
        let arguments = ["explain", "--cluster", Self.snapshot, "--from", "marketing/crawler", "--to", "shop/web-0", "--port", "8080"]
        let text = try CommandRunner.run(arguments)
        #expect(text.status == 0)
        #expect(goldenMismatch(text.stdout, golden: "explain/calico-end-of-tier.txt") == nil)
        let json = try CommandRunner.run(arguments + ["--output", "json"])
        #expect(goldenMismatch(json.stdout, golden: "explain/calico-end-of-tier.json") == nil)
    }

    /// Should name the deciding tier, policy and rule of an explicit deny in an earlier tier.
    @Test func explicitDenyInEarlierTier() throws {
        let result = try CommandRunner.run([
            "explain", "--cluster", Self.snapshot, "--from", "shop/frontend-1", "--to", "shop/web-0", "--port", "8080",
        ])
        #expect(
            result.stdout.contains(
                "Ingress to shop/web-0: DENIED by an explicit deny rule, rule 0 of GlobalNetworkPolicy security.block-quarantined (tier security);"
            ))
    }
}
