import DenyscopeCore
import DenyscopeTestSupport
import FlowIngest
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Gzip-compressed inputs through `FlowReader`: detected by magic, sniffed and parsed after
/// decompression, with the same results as the plain file.
struct FlowReaderGzipTests {
    func read(_ paths: [String], options: IngestOptions = IngestOptions()) throws -> IngestResult {
        var flows: [Flow] = []
        let stats = try FlowReader(options: options).read(paths) { flows += $0 }
        return IngestResult(flows: flows, stats: stats)
    }

    /// Reads `plain`, then `compressed`, each written to the same temporary path (a name without
    /// `.gz`), so that flows and failures name the same file.
    func readBoth(_ plain: String, _ compressed: String, options: IngestOptions) throws -> (plain: IngestResult, compressed: IngestResult) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("denyscope-gzip-\(UUID().uuidString).input").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(try fixtureBytes(plain)).write(to: URL(fileURLWithPath: path))
        let plainResult = try read([path], options: options)
        try Data(try fixtureBytes(compressed)).write(to: URL(fileURLWithPath: path))
        return (plainResult, try read([path], options: options))
    }

    /// Should give exactly the flows and stats of the plain file, for every line format and any
    /// chunking, with the format sniffed from the decompressed bytes.
    @Test(
        arguments: [
            ("flows/hubble/policy-verdict-drop-pair.jsonl", "flows/gzip/policy-verdict-drop-pair.jsonl.gz"),
            ("flows/calico/log-syslog-rfc3164.log", "flows/gzip/log-syslog-rfc3164.log.gz"),
            ("flows/calico/flowlog-enterprise-levels.jsonl", "flows/gzip/flowlog-enterprise-levels.jsonl.gz"),
            ("flows/hubble/events-log-mixed.jsonl", "flows/gzip/events-log-mixed.two-members.jsonl.gz"),
        ], [IngestOptions(), IngestOptions(chunkSize: 97, parallelism: 3), IngestOptions(chunkSize: 1, parallelism: 1)])
    func compressedEqualsPlain(files: (String, String), options: IngestOptions) throws {
        let (plain, compressed) = try readBoth(files.0, files.1, options: options)
        #expect(plain.stats.records > 0 && plain.stats.parsed > 0)
        #expect(compressed == plain)
    }

    /// Should read a gzip-compressed capture (through a temporary file) like the plain one,
    /// whether the format is sniffed or given.
    @Test(arguments: [nil, InputFormat.pcap])
    func compressedCaptureEqualsPlain(format: InputFormat?) throws {
        let (plain, compressed) = try readBoth(
            "flows/pcap/web-veth.pcap", "flows/gzip/web-veth.pcap.gz", options: IngestOptions(format: format))
        #expect(plain.stats.records > 0 && plain.stats.parsed > 0)
        #expect(compressed == plain)
    }

    /// Should count a cut compressed capture as one failure at its end, keeping the packets before.
    @Test func truncatedCompressedCapture() throws {
        let bytes = try fixtureBytes("flows/gzip/web-veth.pcap.gz")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("denyscope-gzip-\(UUID().uuidString).pcap.gz").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(bytes.prefix(bytes.count / 2)).write(to: URL(fileURLWithPath: path))
        let result = try read([path])
        #expect(result.stats.failed == 1)
        #expect(result.stats.parsed > 0 && result.stats.isBalanced)
        #expect(result.stats.failures.first?.location.packet == result.stats.records)
    }

    /// Should decompress gzip data on standard input.
    @Test func readsGzipFromStandardInput() throws {
        let expected = try read([Fixtures.path("flows/calico/flowlog-enterprise-levels.jsonl")])
        let result = try withStandardInput(Fixtures.path("flows/gzip/flowlog-enterprise-levels.jsonl.gz")) { try read(["-"]) }
        #expect(expected.stats.failures.isEmpty)  // so the stats name no file
        #expect(result.stats == expected.stats)
        #expect(result.flows.map(\.location.file) == Array(repeating: "<stdin>", count: expected.flows.count))
        #expect(result.flows.count == expected.flows.count && result.flows.map(\.time) == expected.flows.map(\.time))
    }

    /// Should keep the records before the cut of a truncated file and count the cut as one
    /// failure, on the line after the last whole one.
    @Test(arguments: [IngestOptions(), IngestOptions(chunkSize: 5, parallelism: 2)])
    func truncatedFile(options: IngestOptions) throws {
        let path = Fixtures.path("bad/gzip/truncated.jsonl.gz")
        let result = try read([path], options: options)
        #expect(result.stats.records == 4)
        #expect(result.stats.parsed == 3)
        #expect(result.stats.failures.map(\.description) == ["\(path):4: gzip data is truncated at byte 780: unexpected end of file"])
        let whole = try read([Fixtures.path("flows/gzip/policy-verdict-drop-pair.jsonl.gz")])
        #expect(result.flows.map(\.time) == whole.flows.prefix(3).map(\.time))
    }

    /// Should throw the cut of a truncated file with `strict`.
    @Test func truncatedFileStrict() throws {
        let path = Fixtures.path("bad/gzip/truncated.jsonl.gz")
        #expect {
            _ = try read([path], options: IngestOptions(strict: true))
        } throws: { error in
            (error as? InputError)?.description == "\(path):4: gzip data is truncated at byte 780: unexpected end of file"
        }
    }

    /// Should refuse corrupt and unusable gzip inputs with exact, located messages.
    @Test(arguments: [
        ("bad/gzip/corrupt-block.jsonl.gz", "gzip data is corrupt at byte 53: invalid bit length repeat"),
        ("bad/gzip/corrupt-checksum.jsonl.gz", "gzip data is corrupt at byte 859: incorrect data check"),
        ("bad/gzip/header-only.jsonl.gz", "gzip data is truncated at byte 20: unexpected end of file"),
        (
            "bad/gzip/garbage.txt.gz",
            ":1: unrecognized input format in the decompressed gzip data (use --input-format hubble|calico-log|calico-flowlog|pcap)"
        ),
    ])
    func refusesBadGzip(file: String, message: String) throws {
        let path = Fixtures.path(file)
        #expect {
            _ = try read([path])
        } throws: { error in
            let description = (error as? InputError)?.description
            return description == "\(path): \(message)" || description == "\(path)\(message)"
        }
    }
}

/// Runs `body` with standard input read from `path`, then restores it. Standard input is
/// process-wide: only one test of the suite uses it.
func withStandardInput<T>(_ path: String, _ body: () throws -> T) throws -> T {
    let file = open(path, O_RDONLY)
    let saved = dup(0)
    guard file >= 0, saved >= 0, dup2(file, 0) >= 0 else {
        throw InputError(.unreadable, "cannot redirect standard input", at: InputLocation(file: path))
    }
    defer {
        dup2(saved, 0)
        close(saved)
        close(file)
    }
    return try body()
}
