import DenyscopeTestSupport
import Testing

/// `triage` end to end on the Cilium seed scenario recorded as Hubble flows.
struct TriageCommandTests {
    static let arguments = [
        "triage", "--cluster", "fixtures/cluster/cilium-seed/snapshot.yaml", "fixtures/flows/scenarios/cilium-seed.hubble.jsonl",
    ]

    /// Should group attempts by responsible policy and side, confirmed by the records (table).
    @Test func tableGroupsBySide() throws {
        let result = try CommandRunner.run(Self.arguments)
        #expect(result.status == 0)
        #expect(goldenMismatch(result.stdout, golden: "triage/cilium-seed.txt") == nil)
        #expect(result.stderr == "16 records: 16 parsed, 0 skipped, 0 failed\n")
    }

    /// Should write the JSON document of the contract.
    @Test func jsonMatchesGolden() throws {
        let result = try CommandRunner.run(Self.arguments + ["--output", "json"])
        #expect(result.status == 0)
        #expect(goldenMismatch(result.stdout, golden: "triage/cilium-seed.json") == nil)
    }
}
