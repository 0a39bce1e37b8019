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

    /// A side object seen before is not walked again: the repeat should give the same endpoints
    /// as the first read, and what follows it on the line is still checked.
    @Test func repeatedSideObjects() throws {
        let side = #"{"ID":4160,"identity":10726,"namespace":"shop","labels":["k8s:app=web"],"pod_name":"web-1"}"#
        let other = #"{"identity":2,"labels":["reserved:world"]}"#
        func line(_ time: Int, tail: String = #""verdict":"DROPPED"}}"#) -> String {
            #"{"flow":{"time":"2026-01-01T10:00:0\#(time)Z","IP":{"source":"10.0.0.1","destination":"203.0.113.9"},"#
                + #""l4":{"TCP":{"source_port":40000,"destination_port":443}},"source":\#(side),"destination":\#(other),"#
                + tail
        }
        let text = [line(1), line(2), line(3, tail: #""verdict":}}"#), line(4)].joined(separator: "\n") + "\n"
        let result = ingest(HubbleJSONAdapter(), Array(text.utf8), file: "sides.jsonl")
        #expect(result.stats.parsed == 3)
        #expect(result.stats.failures.map(\.description) == ["sides.jsonl:3: invalid JSON: unexpected '}', expected a value at column 321"])
        let sources = Set(result.flows.map(\.source))
        #expect(sources.count == 1)
        #expect(sources.first?.pod == "web-1")
        #expect(sources.first?.labels == ["app": "web"])
        #expect(Set(result.flows.map(\.destination.kind)) == [.world])
    }
}
