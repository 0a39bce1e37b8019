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

    struct Stop: Error {}

    /// A Hubble file of `copies` times the drop-pair fixture (six records each), read in chunks of
    /// about one copy, and its path.
    func repeatedFixture(_ copies: Int, name: String) throws -> String {
        var bytes: [UInt8] = []
        for _ in 0..<copies { bytes += try fixtureBytes("flows/hubble/policy-verdict-drop-pair.jsonl") }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("denyscope-\(name).jsonl").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Should rethrow the consumer's error and stop the reading thread, which is many blocks
    /// from the end.
    @Test func consumerErrorStopsTheReader() throws {
        let path = try repeatedFixture(200, name: "consumer-error")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var calls = 0
        #expect(throws: Stop.self) {
            try FlowReader(options: IngestOptions(chunkSize: 997, parallelism: 2)).read([path]) { _ in
                calls += 1
                if calls == 3 { throw Stop() }
            }
        }
        #expect(calls == 3)
    }

    /// Should hand over every flow before the first failure, then throw it, with `strict` and
    /// a reading thread.
    @Test func strictFailureFollowsTheFlowsBeforeIt() throws {
        let path = try repeatedFixture(30, name: "strict-after-flows")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try FileHandle(forWritingAtPath: path).map { handle in
            handle.seekToEndOfFile()
            handle.write(Data(#"{"flow":{"verdict":"DROPED"}}"#.utf8 + [0x0A]))
            try handle.close()
        }
        var flows = 0
        do {
            _ = try FlowReader(options: IngestOptions(chunkSize: 997, parallelism: 2, strict: true)).read([path]) { flows += $0.count }
            Issue.record("no error")
        } catch let error as InputError {
            #expect(error.description == "\(path):181: field \"flow.verdict\": unknown verdict \"DROPED\"")
        }
        #expect(flows == 180)
    }
}
