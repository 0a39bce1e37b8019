import DenyscopeTestSupport
import Foundation
import Testing

/// `audit`: NP-03's namespace default deny proposed for the Cilium seed cluster.
struct AuditCommandTests {
    static let arguments = [
        "audit", "--cluster", "fixtures/cluster/cilium-seed/snapshot.yaml", "--proposed", "fixtures/proposed/np-03",
        "fixtures/flows/scenarios/allowed-today.hubble.jsonl", "fixtures/flows/scenarios/cilium-seed.hubble.jsonl",
    ]

    /// Should list the observed connections the proposed default deny would break, with the policy responsible.
    @Test func reportsWhatWouldBreak() throws {
        let result = try CommandRunner.run(Self.arguments)
        #expect(result.status == 0)
        #expect(goldenMismatch(result.stdout, golden: "audit/np-03-on-cilium-seed.txt") == nil)
    }

    /// Should exit 3 with --fail-on-deny when something would break, for CI of policy repositories.
    @Test func failOnDenyExitsThree() throws {
        let result = try CommandRunner.run(Self.arguments + ["--fail-on-deny", "--output", "json"])
        #expect(result.status == 3)
        #expect(result.stderr == "audit: the proposed policies would break observed connections (--fail-on-deny)\n")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let summary = try #require(document["summary"] as? [String: Any])
        #expect(summary["wouldBreak"] as? Int == 6)
        #expect(summary["attempts"] as? Int == 14)
    }

    /// Should count denials already in the Kubernetes dialect as changes only where the verdict changes.
    @Test func onlyChangedVerdictsAreReported() throws {
        let result = try CommandRunner.run(Self.arguments + ["--cni", "kubernetes"])
        #expect(result.stdout.split(separator: "\n").count == 5)
    }
}
