import DenyscopeCore
import FlowIngest
import Testing

/// Hostile input to the Calico `LOG` adapter ends as counted records; the run goes on and the books balance.
struct CalicoLogHostileInputTests {
    static let good =
        "calico-packet: IN=cali0123456789a OUT=eth0 SRC=10.0.0.1 DST=10.0.0.2 LEN=60 PROTO=TCP SPT=1 DPT=80 WINDOW=1 RES=0x00 SYN URGP=0"

    /// Should count binary garbage line by line and never trap.
    @Test func binaryGarbage() {
        var seeded = SplitMix(seed: 7)
        var bytes: [UInt8] = []
        for _ in 0..<200_000 { bytes.append(UInt8(truncatingIfNeeded: seeded.next())) }
        let result = ingest(CalicoLogAdapter(), bytes, pieces: Array(repeating: 777, count: 300))
        #expect(result.stats.isBalanced)
        #expect(result.stats.records > 100)
    }

    /// Should never trap on any cut-short prefix of a valid line, in any wrapper.
    @Test(arguments: [
        good, "Apr  3 10:12:30 host kernel: [10821.860593] " + good, "<5>1 2024-11-19T20:15:03Z host kernel - - - " + good,
        #"{"__REALTIME_TIMESTAMP":"1","_HOSTNAME":"h","MESSAGE":""# + good + #""}"#,
        "[Mon May 18 18:42:44 2020] " + good, "cali8d1e69e5f89-I: policy DENIED  proto 6 src [fd00::1]:43553 dest [fd00::2]:8055",
    ])
    func everyTruncation(line: String) {
        let bytes = Array(line.utf8)
        for length in 1...bytes.count {
            let result = ingest(CalicoLogAdapter(prefixTemplate: CalicoLogPrefixTemplate("%t%k%n%p")), Array(bytes.prefix(length)))
            #expect(result.stats.records == 1)
            #expect(result.stats.isBalanced)
        }
        #expect(ingest(CalicoLogAdapter(), bytes).stats.parsed == 1)
    }

    /// Should survive pathological lines: unclosed brackets, thousands of keys, a prefix full of placeholders' characters.
    @Test func pathologicalLines() {
        let lines = [
            "calico-packet: IN=cali0123456789a OUT=eth0 SRC=10.0.0.1 DST=10.0.0.2 PROTO=ICMP TYPE=3 CODE=1 [SRC=1.1.1.1 [[[[",
            "calico-packet: IN=cali0123456789a OUT=eth0 " + String(repeating: "X=1 ", count: 50_000) + "SRC=10.0.0.1 DST=10.0.0.2",
            String(repeating: "a", count: 100_000) + " IN=cali0 OUT= SRC=10.0.0.1 DST=10.0.0.2",
            String(repeating: "a", count: 250) + "! IN=cali0 OUT= SRC=10.0.0.1 DST=10.0.0.2",
            "IN= OUT= SRC= DST=", "= = = =", "[", "{", "<999999999>1 - - - - - -", "Sep 99 99:99:99 ",
        ]
        let template = CalicoLogPrefixTemplate("%n%t%p%k%n%t%p%k")
        let result = ingest(CalicoLogAdapter(prefixTemplate: template), Array(lines.joined(separator: "\n").utf8))
        #expect(result.stats.isBalanced)
        #expect(result.stats.records == lines.count)
        #expect(result.stats.parsed == 4)
    }
}
