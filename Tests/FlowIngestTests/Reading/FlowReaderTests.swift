import DenyscopeCore
import DenyscopeTestSupport
import FlowIngest
import Foundation
import Testing

/// Reading files and directories through the chunked, parallel reader.
struct FlowReaderTests {
    func read(_ paths: [String], options: IngestOptions) throws -> IngestResult {
        var flows: [Flow] = []
        let stats = try FlowReader(options: options).read(paths) { flows += $0 }
        return IngestResult(flows: flows, stats: stats)
    }

    /// Should give the same flows and stats in parallel, with tiny chunks, as one session.
    @Test(arguments: [1, 2, 4])
    func parallelEqualsSequential(parallelism: Int) throws {
        let fixture = "flows/hubble/policy-verdict-drop-pair.jsonl"
        var bytes: [UInt8] = []
        for _ in 0..<20 { bytes += try fixtureBytes(fixture) }
        bytes += try fixtureBytes("bad/hubble/bad-records.jsonl")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("denyscope-reader-\(parallelism).jsonl").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let expected = ingestHubble(bytes, file: path)
        let result = try read([path], options: IngestOptions(chunkSize: 997, parallelism: parallelism))
        #expect(result == expected)
        #expect(result.stats.records == 133)
    }

    /// Should read every file of a directory in name order, and total their stats.
    @Test func readsDirectories() throws {
        let result = try read([Fixtures.path("flows/hubble")], options: IngestOptions(format: .hubble))
        // audit, compact text, 2 exporter samples, enum numbers, events log, 4 hubble-otel samples,
        // IPv6, L7, legacy, camelCase, pair, SCTP, shared endpoint, UDP/tunnel, uint64, unmanaged source.
        #expect(result.stats.records == 1 + 4 + 2 + 4 + 2 + 7 + 10 + 18 + 5 + 5 + 2 + 2 + 2 + 1 + 6 + 1 + 3 + 2 + 1 + 1)
        #expect(result.stats.failed == 4)  // the compact text sample, read as JSON because of --input-format
        #expect(result.stats.isBalanced)
    }

    /// Should refuse an input it cannot recognize, naming the file.
    @Test func refusesUnknownFormats() throws {
        let path = Fixtures.path("flows/hubble/cilium-docs__policy-creation-rst__compact-policy-verdicts.txt")
        #expect(throws: InputError.self) { try read([path], options: IngestOptions()) }
        do {
            _ = try read([path], options: IngestOptions())
        } catch let error as InputError {
            #expect(
                error.description == "\(path):1: unrecognized input format (use --input-format hubble|calico-log|calico-flowlog|pcap)")
        }
        do {
            _ = try read(["/nonexistent/flows.jsonl"], options: IngestOptions())
        } catch let error as InputError {
            #expect(error.description == "/nonexistent/flows.jsonl: no such file")
        }
    }

    /// Should stop at the first failure with `strict`.
    @Test func strictStopsAtFirstFailure() throws {
        let path = Fixtures.path("bad/hubble/bad-records.jsonl")
        do {
            _ = try read([path], options: IngestOptions(strict: true))
            Issue.record("no error")
        } catch let error as InputError {
            #expect(error.description == "\(path):2: field \"flow.verdict\": unknown verdict \"DROPED\"")
        }
    }
}
