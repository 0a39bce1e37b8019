import DenyscopeCore
import DenyscopeTestSupport
import FlowIngest
import Testing

/// Every Hubble fixture gives the same flows and stats whole, byte by byte, and split anywhere.
struct HubbleChunkBoundaryTests {
    static let fixtures = [
        "flows/hubble/cilium-docs__export-rst__events-log-dropped.jsonl",
        "flows/hubble/cilium__exporter_test__events-log-mixed-event-kinds.jsonl",
        "flows/hubble/hubble-otel__basic-sample-10-flows.jsonl",
        "flows/hubble/hubble-otel__basic-sample-400-icmpv4-flows.jsonl",
        "flows/hubble/hubble-otel__basic-sample-5-dns-flows.jsonl",
        "flows/hubble/hubble-otel__basic-sample-5-http-flows.jsonl",
        "flows/hubble/cilium-docs__policy-creation-rst__compact-policy-verdicts.txt",
        "flows/hubble/policy-verdict-drop-pair.jsonl",
        "flows/hubble/legacy-bare-flow.jsonl",
        "flows/hubble/events-log-mixed.jsonl",
        "flows/hubble/lower-camel-case.jsonl",
        "flows/hubble/enum-numbers.jsonl",
        "flows/hubble/uint64-strings.jsonl",
        "flows/hubble/ipv6-icmpv6.jsonl",
        "flows/hubble/sctp.jsonl",
        "flows/hubble/l7-http-drop.jsonl",
        "flows/hubble/audit.jsonl",
        "flows/hubble/udp-tunnel-world.jsonl",
        "bad/hubble/bad-records.jsonl",
        "bad/hubble/truncated.jsonl",
    ]

    /// Should not depend on where chunks are cut.
    @Test(arguments: fixtures)
    func chunkingDoesNotMatter(fixture: String) throws {
        verifyChunkBoundaries(try fixtureBytes(fixture), file: fixture)
    }

    /// Should not depend on where chunks are cut when lines are longer than the limit either.
    @Test func chunkingDoesNotMatterForOversizedLines() throws {
        let bytes = try fixtureBytes("flows/hubble/policy-verdict-drop-pair.jsonl") + Array("\r\n{}\r\n".utf8)
        verifyChunkBoundaries(bytes, file: "pair", maxRecordLength: 1000)
        let result = ingestHubble(bytes, file: "pair", maxRecordLength: 1000)
        #expect(result.stats.records == 7)
        #expect(result.stats.failures.map(\.description) == ["pair:1: record of 1452 bytes is longer than the limit of 1000 bytes"])
    }
}
