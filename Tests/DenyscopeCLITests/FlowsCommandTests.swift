import DenyscopeTestSupport
import Foundation
import Testing

struct FlowsCommandTests {
    /// Should print one normalized JSON object per record and the accounting on stderr.
    @Test func printsNormalizedRecords() throws {
        let result = try CommandRunner.run(["flows", "fixtures/flows/hubble/policy-verdict-drop-pair.jsonl"])
        #expect(result.status == 0)
        #expect(result.stderr == "6 records: 6 parsed, 0 skipped, 0 failed\n")
        let objects = try result.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.count == 6)
        let first = try #require(objects.first)
        #expect(first["time"] as? String == "2026-03-02T09:15:00.100000000Z")
        #expect(first["destinationPort"] as? Int == 80)
        #expect(first["attempts"] as? Int == 1)
        #expect(first["origin"] as? String == "fixtures/flows/hubble/policy-verdict-drop-pair.jsonl:1")
        let observed = try #require(first["observed"] as? [String: Any])
        #expect(observed["verdict"] as? String == "DROPPED")
        #expect(observed["reason"] as? String == "explicit-deny")
        let policies = try #require(observed["policies"] as? [[String: Any]])
        #expect(policies.first?["name"] as? String == "deny-tg-to-echo")
        // The drop event of the same packet is kept but is not another attempt.
        #expect(objects[1]["attempts"] as? Int == 0)
    }

    /// Should count skipped records by reason and resolve addresses through a snapshot.
    @Test func tableWithAccountingAndResolution() throws {
        let skipped = try CommandRunner.run([
            "flows", "--output", "table", "fixtures/flows/hubble/cilium__exporter_test__events-log-mixed-event-kinds.jsonl",
        ])
        #expect(skipped.stderr == "4 records: 1 parsed, 3 skipped (agent_event 1, debug_event 1, lost_events 1), 0 failed\n")
        let resolved = try CommandRunner.run([
            "flows", "--output", "table", "--cluster", "fixtures/cluster/kubectl-get-all/snapshot.yaml",
            "fixtures/flows/hubble/unmanaged-source.jsonl",
        ])
        #expect(
            resolved.stdout
                == "2026-11-20T08:30:00.500000000Z  marketing/crawler → shop/web-7c8d9f6b5-9zq7m  TCP/8080  DROPPED (default-deny)  "
                + "fixtures/flows/hubble/unmanaged-source.jsonl:1\n")
    }

    /// Should stop at the first unreadable record with --strict (exit code 2), naming its line.
    @Test func strictStopsAtFirstFailure() throws {
        let result = try CommandRunner.run(["flows", "--input-format", "hubble", "--strict", "-"], stdin: "garbage\n")
        #expect(result.status == 2)
        #expect(result.stderr == "error: <stdin>:1: invalid JSON: unexpected 'g', expected a JSON object at column 1\n")
    }

    /// Should read a capture on standard input, plain or gzip-compressed, sniffed or named by
    /// `--input-format pcap`, exactly as from its file.
    @Test(arguments: [
        ("flows/pcap/web-veth.pcap", [String]()), ("flows/pcap/web-veth.pcap", ["--input-format", "pcap"]),
        ("flows/gzip/web-veth.pcap.gz", []), ("flows/gzip/web-veth.pcap.gz", ["--input-format", "pcap"]),
    ])
    func readsCaptureOnStandardInput(fixture: String, options: [String]) throws {
        let fromFile = try CommandRunner.run(["flows", "--output", "table", Fixtures.path("flows/pcap/web-veth.pcap")])
        let fromInput = try CommandRunner.run(
            ["flows", "--output", "table"] + options + ["-"], input: try Data(contentsOf: URL(fileURLWithPath: Fixtures.path(fixture))))
        #expect(fromInput.status == 0, "\(fromInput.stderr)")
        #expect(fromInput.stderr == fromFile.stderr)
        #expect(fromInput.stdout == fromFile.stdout.replacingOccurrences(of: Fixtures.path("flows/pcap/web-veth.pcap"), with: "<stdin>"))
        #expect(fromInput.stdout.split(separator: "\n").count > 5)
    }
}
