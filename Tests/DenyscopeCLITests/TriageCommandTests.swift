import DenyscopeTestSupport
import Foundation
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

    static let filters: [(arguments: [String], sources: [String])] = [
        (["--from", "default/client"], ["default/client"]),
        (["--to", "default/web", "--verdict", "denied"], ["default/other", "default/client"]),
        (["--since", "2026-11-20T09:01:00Z"], ["default/other"]),
        (["--until", "2026-11-20T09:00:30Z"], ["default/client"]),
        (["--namespace", "other"], []),
    ]

    /// Should keep only the groups the filters describe.
    @Test(arguments: filters)
    func filtersGroups(arguments: [String], sources: [String]) throws {
        let result = try CommandRunner.run(Self.arguments + arguments + ["--output", "markdown"])
        #expect(result.status == 0)
        let rows = result.stdout.split(separator: "\n").dropFirst(2).map {
            $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        #expect(rows.map { $0[1] } == sources)
    }

    /// Should reject a filter it cannot read, saying which and why.
    @Test func rejectsBadFilters() throws {
        let result = try CommandRunner.run(Self.arguments + ["--since", "yesterday"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("Error: --since \"yesterday\" is not an RFC 3339 time such as 2026-11-23T10:00:00Z."))
    }

    /// Should triage Calico LOG lines (no observed verdict, retransmitted SYNs as one attempt) and
    /// calico-drop lines (confirmed) against a tiered Calico snapshot.
    @Test func calicoLogLines() throws {
        let result = try CommandRunner.run([
            "triage", "--cluster", "fixtures/cluster/calico-tiers/snapshot.yaml", "fixtures/flows/scenarios/calico-tiers.calico.log",
            "--output", "json",
        ])
        #expect(result.status == 0)
        #expect(goldenMismatch(result.stdout, golden: "triage/calico-tiers-log.json") == nil)
    }
}
