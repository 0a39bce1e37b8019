import DenyscopeCore
import FlowIngest
import Testing

/// Hostile input ends as counted failures; the run goes on and the books balance.
struct HubbleHostileInputTests {
    static let good = #"{"flow":{"verdict":"DROPPED","drop_reason_desc":"POLICY_DENIED"}}"#

    /// Should fail a line longer than the limit without buffering it, and read the next line.
    @Test func hugeLine() {
        let huge = "{\"flow\":{\"Summary\":\"" + String(repeating: "A", count: 200_000) + "\"}}"
        let bytes = Array((huge + "\n" + Self.good + "\n").utf8)
        let result = ingestHubble(bytes, pieces: Array(repeating: 4096, count: 100), maxRecordLength: 65_536)
        #expect(result.stats.records == 2)
        #expect(result.stats.parsed == 1)
        #expect(
            result.stats.failures.map(\.description) == ["test.jsonl:1: record of 200023 bytes is longer than the limit of 65536 bytes"])
    }

    /// Should fail deep nesting without overflowing the stack.
    @Test func deepNesting() {
        let deep = "{\"flow\":{\"x\":" + String(repeating: "[", count: 1_000_000) + String(repeating: "]", count: 1_000_000) + "}}"
        let result = ingestHubble(deep + "\n" + Self.good + "\n")
        #expect(result.stats.parsed == 1)
        #expect(result.stats.failures.map(\.description) == ["test.jsonl:1: invalid JSON: nesting deeper than 64 levels at column 76"])
    }

    /// Should count binary garbage as failures, line by line, and never trap.
    @Test func binaryGarbage() {
        var generator = SystemRandomNumberGenerator()
        var seeded = SplitMix(seed: 2024)
        var bytes: [UInt8] = []
        for _ in 0..<200_000 { bytes.append(UInt8(truncatingIfNeeded: seeded.next())) }
        _ = generator.next()
        let result = ingestHubble(bytes, pieces: Array(repeating: 777, count: 300))
        #expect(result.stats.isBalanced)
        #expect(result.stats.parsed == 0)
        #expect(result.stats.failed == result.stats.records)
        #expect(result.stats.records > 100)
    }

    /// Should fail every cut-short prefix of a valid record, never trap, and balance.
    @Test func everyTruncation() throws {
        let line = try fixtureBytes("flows/hubble/policy-verdict-drop-pair.jsonl").prefix { $0 != UInt8(ascii: "\n") }
        for length in 1..<line.count {
            let result = ingestHubble(Array(line.prefix(length)))
            #expect(result.stats.records == 1)
            #expect(result.stats.failed == 1, "prefix of \(length) bytes")
        }
    }

    /// Should fail records whose fields are mutated into every wrong JSON type.
    @Test(arguments: ["{}", "[]", "\"x\"", "-1", "1e999", "true", "null", "99999999999999999999"])
    func wrongTypes(value: String) {
        let fields = ["verdict", "IP", "l4", "source", "destination", "event_type", "traffic_direction", "is_reply", "time", "Type"]
        for field in fields {
            let result = ingestHubble("{\"flow\":{\"\(field)\":\(value),\"IP\":{\"source\":\(value)}}}\n")
            #expect(result.stats.isBalanced)
            #expect(result.stats.records == 1)
        }
    }
}

/// A small deterministic generator for test data.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
