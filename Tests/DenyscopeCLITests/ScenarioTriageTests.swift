import DenyscopeTestSupport
import Testing

/// `triage` end to end on every recording of the demo scenarios, one golden JSON report each.
struct ScenarioTriageTests {
    static let recordings: [(scenario: String, file: String)] = [
        ("np-01", "np-01.hubble.jsonl"), ("np-01", "np-01.calico.log"),
        ("np-03", "np-03.hubble.jsonl"), ("np-03", "np-03.flowlog.jsonl"),
        ("cilium-seed", "cilium-seed.hubble.jsonl"), ("cilium-seed", "cilium-seed.pcap"),
    ]

    static func triage(_ scenario: String, _ file: String, _ options: [String]) throws -> CommandResult {
        try CommandRunner.run(
            ["triage", "--cluster", "fixtures/cluster/\(scenario)/snapshot.yaml", "fixtures/flows/scenarios/\(file)"] + options)
    }

    /// Should report groups, counts, reasons, policies, agreement and accounting as recorded.
    @Test(arguments: recordings)
    func jsonMatchesGolden(scenario: String, file: String) throws {
        let result = try Self.triage(scenario, file, ["--all", "--output", "json"])
        #expect(result.status == 0)
        #expect(goldenMismatch(result.stdout, golden: "triage/scenarios/\(file).json") == nil)
    }

    /// Should find the same groups in both formats of one traffic (NP-01 and NP-03 record the same attempts).
    @Test(arguments: [("np-01", "np-01.hubble.jsonl", "np-01.calico.log"), ("np-03", "np-03.hubble.jsonl", "np-03.flowlog.jsonl")])
    func formatsAgree(scenario: String, first: String, second: String) throws {
        let one = try Self.triage(scenario, first, ["--all"]).stdout
        let other = try Self.triage(scenario, second, ["--all"]).stdout
        #expect(one == other)
        #expect(one.split(separator: "\n").count == (scenario == "np-01" ? 2 : 4))
    }

    /// Should see the two client attempts and the one of `other` in the capture: SYNs retransmitted, nothing back.
    @Test func captureCountsAttemptsNotPackets() throws {
        let result = try Self.triage("cilium-seed", "cilium-seed.pcap", [])
        #expect(
            result.stdout.split(separator: "\n").dropFirst().map {
                $0.split(separator: " ", omittingEmptySubsequences: true).prefix(2).joined(separator: " ")
            }
                == ["2 default/client", "1 default/other"])
        #expect(result.stderr == "9 records: 9 parsed, 0 skipped, 0 failed\n")
    }
}
