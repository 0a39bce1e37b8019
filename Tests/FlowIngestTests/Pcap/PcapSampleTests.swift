import DenyscopeCore
import DenyscopeTestSupport
import FlowIngest
import Testing

/// The real captures of `fixtures/flows/pcap/` (GROUND_TRUTH.md, expected-flows.tsv): every flow
/// visible in a file is found once, with the outcome its ground truth implies.
struct PcapSampleTests {
    /// One row of `expected-flows.tsv` with the outcome a capture can show for it.
    struct Expected {
        let id: String
        let line: String
        let outcome: InferredOutcome.Kind
        let tunnel: String?
    }

    /// The ground truth, as what a capture shows: `allowed` is established; `dropped` is a silent
    /// drop when the SYN was retried and only unanswered for one datagram or echo request (weak,
    /// DESIGN.md §5); `rejected` by ICMP is a policy rejection but by `tcp-reset` only refused,
    /// like the closed port of `refused-not-policy` (a RST cannot tell them apart, T04 vs T13).
    static func groundTruth() throws -> [Expected] {
        let rows = try Fixtures.text("flows/pcap/expected-flows.tsv").split(separator: "\n").dropFirst()
        return rows.map { row in
            let field = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let (proto, source, sourcePort, destination, destinationPort) = (field[1], field[4], field[5], field[7], field[8])
            func side(_ ip: String, _ port: String) -> String {
                port == "-" ? ip : ip.contains(":") ? "[\(ip)]:\(port)" : "\(ip):\(port)"
            }
            let outcome: InferredOutcome.Kind
            switch field[9] {
            case "allowed": outcome = .established
            case "dropped": outcome = field[11].hasPrefix("4 SYN") ? .silentlyDropped : .unanswered
            case "rejected": outcome = field[10].contains("tcp-reset") ? .refused : .rejectedByPolicy
            case "refused-not-policy": outcome = .refused
            default: outcome = .unreachable
            }
            let tunnel: String? = field[14].hasPrefix("vxlan") ? "VXLAN" : nil
            return Expected(
                id: field[0], line: "\(proto) \(side(source, sourcePort)) > \(side(destination, destinationPort)) \(outcome.rawValue)",
                outcome: outcome, tunnel: tunnel)
        }
    }

    /// Should find T01–T19 once each in the web pod's veth capture (Ethernet, µs), with their outcomes.
    @Test func webVethShowsT01ToT19() throws {
        let result = try readCapture(Fixtures.path("flows/pcap/web-veth.pcap"))
        let expected = try Self.groundTruth().prefix(19)
        #expect(result.flows.map(summary) == expected.map(\.line))
        #expect(result.flows.allSatisfy { $0.tunnel == nil && $0.attempts == 1 && $0.event.kind == .packet })
        #expect(result.stats.records == 108)
        #expect(result.skips == ["not_ip": 11, "neighbor_discovery": 24])
        #expect(result.stats.parsed == 73)
        #expect(result.stats.isBalanced)
    }

    /// Should find T01–T27 once each in the node-wide `-i any` capture (Linux SLL): copies from
    /// several interfaces counted once, VXLAN decapsulated to the pods' addresses.
    @Test func nodeAnyShowsEveryFlowOnce() throws {
        let result = try readCapture(Fixtures.path("flows/pcap/node1-any-sll.pcap"))
        let expected = try Self.groundTruth()
        #expect(result.flows.count == 27)
        let byLine = Dictionary(grouping: result.flows, by: summary)
        for row in expected {
            let found = byLine[row.line] ?? []
            #expect(found.count == 1, "\(row.id): \(row.line)")
            #expect(found.first?.tunnel == row.tunnel, "\(row.id) tunnel")
        }
        #expect(result.stats.records == 465)
        #expect(result.skips == ["duplicate": 211, "icmp_error_unmatched": 2, "neighbor_discovery": 73, "not_ip": 56])
        #expect(result.stats.isBalanced)
    }

    /// Should record the evidence: retries, the deciding ICMP error, and where the attempt began.
    @Test func evidenceDetails() throws {
        let path = Fixtures.path("flows/pcap/node1-any-sll.pcap")
        let result = try readCapture(path)
        let byPort = Dictionary(grouping: result.flows) { $0.sourcePort ?? 0 }
        let t09 = try #require(byPort[40101]?.first?.observed)
        #expect(t09.inferred == InferredOutcome(kind: .silentlyDropped, probes: 4, replies: 0))
        #expect(t09.verdict == .dropped && t09.denial == nil && !t09.isNonPolicyDrop && t09.reason == "silently-dropped")
        let t14 = try #require(byPort[40202]?.first)
        #expect(t14.observed.inferred == InferredOutcome(kind: .rejectedByPolicy, probes: 1, replies: 1, icmpType: 3, icmpCode: 13))
        #expect(t14.observed.verdict == .dropped && t14.observed.denial == .policy)
        #expect(t14.location == InputLocation(file: path, packet: 172))
        let t19 = try #require(byPort[40207]?.first?.observed.inferred)
        #expect(t19 == InferredOutcome(kind: .rejectedByPolicy, probes: 2, replies: 2, icmpType: 1, icmpCode: 1))
        let t24 = try #require(byPort[40009]?.first?.observed)
        #expect(t24.inferred == InferredOutcome(kind: .unreachable, probes: 4, replies: 4, icmpType: 3, icmpCode: 1))
        #expect(t24.isNonPolicyDrop && t24.reason == "not-a-policy-drop")
        let t04 = try #require(byPort[40004]?.first?.observed)
        #expect(t04.verdict == .unknown && t04.inferred?.kind == .refused && t04.reason == "refused")
        let t01 = try #require(byPort[40001]?.first)
        #expect(t01.observed.verdict == .forwarded && t01.observed.reason == nil)
        #expect(t01.time == 1_795_419_046_396_066_000)
        #expect(t01.tcpFlags == .syn && t01.isReply == false)
    }
}
