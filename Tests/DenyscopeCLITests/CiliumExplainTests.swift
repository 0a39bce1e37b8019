import DenyscopeTestSupport
import Testing

/// The Cilium seed case end to end: a CCNP whose `ingressDeny` puts `run=web` into default deny.
struct CiliumExplainTests {
    static let snapshot = "fixtures/cluster/cilium-seed/snapshot.yaml"

    /// Should deny the client by the explicit deny rule.
    @Test func clientIsDeniedExplicitly() throws {
        let result = try CommandRunner.run([
            "explain", "--cluster", Self.snapshot, "--from", "default/client", "--to", "default/web", "--port", "80",
        ])
        #expect(result.status == 0)
        #expect(goldenMismatch(result.stdout, golden: "explain/cilium-seed-client.txt") == nil)
    }

    /// Should deny every other peer by default deny, naming the CCNP and the fix (text and JSON).
    @Test func otherPeersHitDefaultDenyWithHint() throws {
        let arguments = ["explain", "--cluster", Self.snapshot, "--from", "default/other", "--to", "default/web", "--port", "80"]
        let text = try CommandRunner.run(arguments)
        #expect(text.status == 0)
        #expect(goldenMismatch(text.stdout, golden: "explain/cilium-seed-other.txt") == nil)
        let json = try CommandRunner.run(arguments + ["--output", "json"])
        #expect(goldenMismatch(json.stdout, golden: "explain/cilium-seed-other.json") == nil)
    }

    /// Should evaluate as Kubernetes when asked, where a Cilium policy means nothing.
    @Test func kubernetesDialectIgnoresCiliumPolicies() throws {
        let result = try CommandRunner.run([
            "explain", "--cluster", Self.snapshot, "--cni", "kubernetes", "--from", "default/other", "--to", "default/web", "--port", "80",
        ])
        #expect(result.stdout.hasPrefix("ALLOWED: default/other → default/web on TCP/80\n"))
    }
}
