import DenyscopeCore
import FlowIngest
import Testing

/// The real Calico `LOG` samples of `shared/samples/calico` (copied to `fixtures/flows/calico`) with their exact accounting.
struct CalicoLogSampleTests {
    static let samples: [(file: String, records: Int, parsed: Int, skipped: [String: Int], failed: Int, attempts: Int)] = [
        ("calico-docs__log-rules-mdx__iptables-log-action.syslog", 3, 3, [:], 0, 3),
        ("calico-enterprise-docs__iptables-mdx__dropactionoverride-calico-drop.syslog", 1, 1, [:], 0, 1),
        ("calico-docs__log-rules-mdx__ebpf-log-action.tracepipe", 3, 3, [:], 0, 3),
    ]

    /// Should count every line of each sample as parsed, skipped or failed, exactly.
    @Test(arguments: samples)
    func countsSample(file: String, records: Int, parsed: Int, skipped: [String: Int], failed: Int, attempts: Int) throws {
        let result = try ingestFixture(CalicoLogAdapter(), "flows/calico/" + file)
        #expect(result.stats.records == records)
        #expect(result.stats.parsed == parsed)
        #expect(result.skips == skipped)
        #expect(result.stats.failed == failed)
        #expect(result.stats.isBalanced)
        #expect(result.flows.map(\.attempts).reduce(0, +) == attempts)
    }

    /// Should read the docs' rsyslog lines as pod egress with no verdict: TCP SYN, ICMP echo, UDP with its second LEN.
    @Test func readsLogActionLines() throws {
        let flows = try ingestFixture(CalicoLogAdapter(), "flows/calico/calico-docs__log-rules-mdx__iptables-log-action.syslog").flows
        #expect(flows.count == 3)
        let tcp = flows[0]
        #expect(tcp.time == 1_732_047_303_023_805_000)
        #expect(tcp.node == "c1-control")
        #expect(tcp.source == Endpoint(kind: .unknown, ip: IPAddress("172.16.193.134")))
        #expect(tcp.destination.ip == IPAddress("69.147.80.15"))
        #expect(tcp.ipProtocol == .tcp)
        #expect(tcp.sourcePort == 45588)
        #expect(tcp.destinationPort == 80)
        #expect(tcp.tcpFlags == .syn)
        #expect(tcp.direction == .egress)
        #expect(tcp.event.kind == .packetLog)
        #expect(tcp.observed.verdict == .unknown)
        #expect(tcp.observed.denial == nil)
        #expect(tcp.observed.policies.isEmpty)
        #expect(tcp.observed.logRule == PacketLogRule(prefix: "calico-packet"))
        #expect(tcp.location.line == 1)

        let icmp = flows[1]
        #expect(icmp.ipProtocol == .icmp)
        #expect(icmp.icmpType == 8)
        #expect(icmp.icmpCode == 0)
        #expect(icmp.sourcePort == nil)
        #expect(icmp.destination.ip == IPAddress("8.8.8.8"))

        let udp = flows[2]
        #expect(udp.ipProtocol == .udp)
        #expect(udp.sourcePort == 42896)
        #expect(udp.destinationPort == 53)
        // IN=cali… OUT=cali…: the line can come from either pod's chain.
        #expect(udp.direction == nil)
        #expect(udp.time == 1_732_047_302_990_083_000)
    }

    /// Should read a `calico-drop` line as denied by policy, arriving over IPIP with an empty MAC.
    @Test func readsCalicoDrop() throws {
        let flow = try #require(
            ingestFixture(CalicoLogAdapter(), "flows/calico/calico-enterprise-docs__iptables-mdx__dropactionoverride-calico-drop.syslog")
                .flows.first)
        #expect(flow.observed.verdict == .dropped)
        #expect(flow.observed.denial == .policy)
        #expect(flow.observed.reason == "policy-denied")
        #expect(flow.observed.logRule?.prefix == "calico-drop")
        #expect(flow.source.ip == IPAddress("192.168.128.30"))
        #expect(flow.destination.ip == IPAddress("192.168.157.26"))
        #expect(flow.destinationPort == 80)
        #expect(flow.direction == .ingress)
        #expect(flow.tunnel == "IPIP")
        #expect(flow.node == "ubuntu")
        // A BSD stamp has no year: no time is invented.
        #expect(flow.time == nil)
    }

    /// Should read the eBPF trace-pipe lines with their final verdict and direction.
    @Test func readsEBPFTraceLines() throws {
        let flows = try ingestFixture(CalicoLogAdapter(), "flows/calico/calico-docs__log-rules-mdx__ebpf-log-action.tracepipe").flows
        #expect(flows.map(\.observed.verdict) == [.forwarded, .forwarded, .forwarded])
        #expect(flows.map(\.direction) == [.egress, .egress, .egress])
        #expect(flows.map(\.ipProtocol) == [.tcp, .icmp, .udp])
        #expect(flows[0].sourcePort == 56042)
        #expect(flows[0].destinationPort == 80)
        #expect(flows[1].icmpType == 8)
        #expect(flows[1].destinationPort == nil)
        #expect(flows[2].destination.ip == IPAddress("10.43.0.10"))
        #expect(flows[2].destinationPort == 53)
    }

    /// Should read a denied eBPF line (PR #9452's form, two spaces after `DENIED`) as a policy drop at ingress.
    @Test func readsDeniedEBPFLine() {
        let result = ingest(
            CalicoLogAdapter(), Array("cali8d1e69e5f89-I: policy DENIED  proto 6 src 10.65.0.2:43553 dest 10.65.0.3:8055\n".utf8))
        let flow = result.flows.first
        #expect(flow?.observed.verdict == .dropped)
        #expect(flow?.observed.denial == .policy)
        #expect(flow?.direction == .ingress)
        #expect(flow?.destinationPort == 8055)
    }
}
