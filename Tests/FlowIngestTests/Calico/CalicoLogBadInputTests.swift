import DenyscopeCore
import DenyscopeTestSupport
import FlowIngest
import Testing

/// `fixtures/bad/calico-log/*`: every malformed line is a counted failure with its exact location and message.
struct CalicoLogBadInputTests {
    /// Should fail each bad line with its line number and what is wrong, and parse the good one.
    @Test func badRecords() throws {
        let path = Fixtures.path("bad/calico-log/bad-records.log")
        let result = try ingestFixture(CalicoLogAdapter(), "bad/calico-log/bad-records.log")
        #expect(result.stats.records == 11)
        #expect(result.stats.parsed == 1)
        #expect(result.stats.failed == 10)
        #expect(result.flows.map(\.location.line) == [8])
        let expected = [
            #"1: field "SRC": invalid IP address "10.0.0.300""#,
            #"2: field "DPT": expected an integer from 0 to 65535, got "70000""#,
            #"3: missing field "SRC""#,
            #"4: field "PROTO": unknown protocol "QUIC""#,
            #"5: field "TYPE": expected an integer from 0 to 255, got "300""#,
            "6: invalid JSON: unexpected end of input, expected a value at column 109",
            #"7: field "MESSAGE": expected string, got number"#,
            #"9: field "SPT": expected an integer from 0 to 65535, got "-1""#,
            #"10: field "dest": expected <address>:<port>, got "10.65.0.3:99999""#,
            #"11: field "SRC": invalid IP address "fd00::zz""#,
        ]
        #expect(result.stats.failures.map(\.description) == expected.map { "\(path):\($0)" })
    }

    /// Should count a file cut off in the middle of its last line as one failure at its end.
    @Test func truncatedFile() throws {
        let path = Fixtures.path("bad/calico-log/truncated.log")
        let result = try ingestFixture(CalicoLogAdapter(), "bad/calico-log/truncated.log")
        #expect(result.stats.records == 1)
        #expect(result.stats.failures.map(\.description) == [#"\#(path):1: field "DST": invalid IP address "192.168.1""#])
    }
}
