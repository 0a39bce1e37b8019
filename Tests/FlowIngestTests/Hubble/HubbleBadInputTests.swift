import DenyscopeCore
import DenyscopeTestSupport
import FlowIngest
import Testing

/// `fixtures/bad/hubble/*`: every malformed record is a counted failure with its exact location and message.
struct HubbleBadInputTests {
    /// Should fail each bad line with its line number and what is wrong, and parse the good one.
    @Test func badRecords() throws {
        let path = Fixtures.path("bad/hubble/bad-records.jsonl")
        let result = try ingestHubbleFixture("bad/hubble/bad-records.jsonl")
        #expect(result.stats.records == 13)
        #expect(result.stats.parsed == 1)
        #expect(result.stats.failed == 12)
        let expected = [
            #"2: field "flow.verdict": unknown verdict "DROPED""#,
            #"3: field "flow.IP.source": invalid IP address "10.0.0.300""#,
            #"4: field "flow.l4.TCP.destination_port": expected an integer from 0 to 65535, got 70000"#,
            #"5: field "flow.time": invalid RFC 3339 time "2023-13-01T00:00:00Z""#,
            #"6: field "flow.source.labels": expected array, got string"#,
            #"7: field "flow": expected object, got array"#,
            "8: invalid JSON: unexpected 'n', expected a JSON object at column 1",
            #"9: field "flow.is_reply": expected boolean, got string"#,
            #"10: invalid JSON: invalid escape \x at column 47"#,
            "11: invalid JSON: unexpected 't', expected end of line after the object at column 84",
            #"12: field "flow.source.identity": expected an integer from 0 to 4294967295, got -3"#,
            "13: invalid JSON: unexpected end of input, expected ',' or '}' at column 29",
        ]
        #expect(result.stats.failures.map(\.description) == expected.map { "\(path):\($0)" })
    }

    /// Should count a file cut off in the middle of its last record as one failure at its end.
    @Test func truncatedFile() throws {
        let path = Fixtures.path("bad/hubble/truncated.jsonl")
        let result = try ingestHubbleFixture("bad/hubble/truncated.jsonl")
        #expect(result.stats.records == 2)
        #expect(result.stats.parsed == 1)
        #expect(
            result.stats.failures.map(\.description) == ["\(path):2: invalid JSON: unterminated string at column 86"])
    }
}
