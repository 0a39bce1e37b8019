import DenyscopeCore
import FlowIngest
import Testing

/// One fixture per wrapper and per line variant of `fixtures/flows/calico/log-*` (reference/calico-logs.md §1).
struct CalicoLogVariantTests {
    static let template = CalicoLogPrefixTemplate("calico-packet %k:%p:%t:%n")

    /// Per fixture: records, parsed, skipped (all `not_a_packet_log`), attempts.
    static let variants: [(file: String, records: Int, parsed: Int, skipped: Int, attempts: Int)] = [
        ("log-syslog-rfc3164.log", 4, 3, 1, 3),
        ("log-syslog-rfc5424.log", 3, 2, 1, 2),
        ("log-journalctl-short.log", 3, 2, 1, 1),
        ("log-journalctl-short-iso.log", 2, 2, 0, 2),
        ("log-journalctl-short-precise.log", 1, 1, 0, 1),
        ("log-journalctl-json.jsonl", 3, 2, 1, 2),
        ("log-dmesg-raw.log", 5, 4, 1, 2),
        ("log-dmesg-T.log", 2, 2, 0, 2),
        ("log-custom-prefix.log", 5, 5, 0, 5),
        ("log-protocols.log", 7, 7, 0, 7),
    ]

    /// Should count every line of each variant exactly; lines that are other messages are skipped.
    @Test(arguments: variants)
    func countsVariant(file: String, records: Int, parsed: Int, skipped: Int, attempts: Int) throws {
        let result = try ingestFixture(CalicoLogAdapter(prefixTemplate: Self.template), "flows/calico/" + file)
        #expect(result.stats.records == records)
        #expect(result.stats.parsed == parsed)
        #expect(result.skips == (skipped == 0 ? [:] : ["not_a_packet_log": skipped]))
        #expect(result.stats.failed == 0)
        #expect(result.flows.map(\.attempts).reduce(0, +) == attempts)
    }

    /// Should take BSD syslog stamps with one or two spaces before the day, strip the uptime stamp
    /// and a raw `<PRI>`, and name the node; no year means no time.
    @Test func syslogRFC3164() throws {
        let flows = try ingestFixture(CalicoLogAdapter(), "flows/calico/log-syslog-rfc3164.log").flows
        #expect(flows.map(\.node) == ["aks-node-0", "worker-1", "gke-node-9"])
        #expect(flows.map(\.location.line) == [1, 3, 4])
        #expect(flows.allSatisfy { $0.time == nil && $0.observed.logRule?.prefix == "calico-packet" })
        #expect(flows[0].icmpType == 8)
        // Host endpoint: IN=eth1 OUT= has no workload side.
        #expect(flows[1].direction == nil)
        #expect(flows[1].destinationPort == 22)
        #expect(flows[2].tunnel == "VXLAN")
        #expect(flows[2].direction == .ingress)
    }

    /// Should read RFC 5424 stamps, hosts and structured data.
    @Test func syslogRFC5424() throws {
        let flows = try ingestFixture(CalicoLogAdapter(), "flows/calico/log-syslog-rfc5424.log").flows
        #expect(flows.map(\.time) == [1_732_047_303_023_805_000, 1_732_043_704_500_000_000])
        #expect(flows.map(\.node) == ["c1-control", "c1-worker"])
        #expect(flows[1].tunnel == "IPIP")
        #expect(flows[1].destinationPort == 443)
    }

    /// Should join a SYN and its retransmission in `journalctl -k` output into one attempt.
    @Test func journalctlShort() throws {
        let flows = try ingestFixture(CalicoLogAdapter(), "flows/calico/log-journalctl-short.log").flows
        #expect(flows.map(\.attempts) == [1, 0])
        #expect(flows.allSatisfy { $0.node == "gke-gke-test-default-node-pool-9ad8cf92-dnl5" && $0.direction == .egress })
    }

    /// Should read `short-iso` offsets without a colon.
    @Test func journalctlShortISO() throws {
        let flows = try ingestFixture(CalicoLogAdapter(), "flows/calico/log-journalctl-short-iso.log").flows
        #expect(flows.map(\.time) == [1_727_235_395_000_000_000, 1_727_235_396_000_000_000])
        #expect(flows[0].direction == nil)
        #expect(flows[1].direction == .ingress)
    }

    /// Should read `short-precise` stamps.
    @Test func journalctlShortPrecise() throws {
        let flow = try #require(ingestFixture(CalicoLogAdapter(), "flows/calico/log-journalctl-short-precise.log").flows.first)
        #expect(flow.node == "node-a")
        #expect(flow.destination.ip == IPAddress("10.96.0.1"))
        #expect(flow.destinationPort == 443)
    }

    /// Should read `journalctl -o json`: MESSAGE (escapes decoded), `__REALTIME_TIMESTAMP`, `_HOSTNAME`.
    @Test func journalctlJSON() throws {
        let flows = try ingestFixture(CalicoLogAdapter(), "flows/calico/log-journalctl-json.jsonl").flows
        #expect(flows.map(\.time) == [1_727_235_395_123_456_000, 1_727_235_396_000_000_000])
        #expect(flows.map(\.node) == ["node-b", "node-b"])
        #expect(flows.map(\.observed.logRule?.prefix) == ["calico-packet", "tier1 gnp deny-db"])
        #expect(flows[1].destination.ip == IPAddress("10.244.2.31"))
    }

    /// Should read raw `dmesg` (uptime is no wall clock) and `dmesg -x`, joining retransmissions.
    @Test func dmesgRaw() throws {
        let flows = try ingestFixture(CalicoLogAdapter(), "flows/calico/log-dmesg-raw.log").flows
        #expect(flows.map(\.attempts) == [1, 0, 0, 1])
        #expect(flows.map(\.location.line) == [1, 2, 3, 5])
        #expect(flows.allSatisfy { $0.time == nil && $0.node == nil })
        #expect(flows[3].ipProtocol == .udp)
        #expect(flows[3].destinationPort == 5353)
    }

    /// Should read `dmesg -T` lines; `calico-drop` is denied, `calico-drop LOGandACCEPT` would have been (audit).
    @Test func dmesgWallClockAndDropOverride() throws {
        let flows = try ingestFixture(CalicoLogAdapter(), "flows/calico/log-dmesg-T.log").flows
        #expect(flows.map(\.observed.verdict) == [.dropped, .audit])
        #expect(flows.map(\.observed.denial) == [.policy, .policy])
        #expect(flows.map(\.observed.logRule?.prefix) == ["calico-drop", "calico-drop LOGandACCEPT"])
        #expect(flows.map(\.direction) == [.ingress, .egress])
        #expect(flows.allSatisfy { $0.time == nil })
    }

    /// Should read the policy from prefixes rendered from `%k:%p:%t:%n`, including profiles (empty
    /// tier) and a prefix iptables cut before its `: `; without the template, prefixes stay as written.
    @Test func customPrefixes() throws {
        let flows = try ingestFixture(CalicoLogAdapter(prefixTemplate: Self.template), "flows/calico/log-custom-prefix.log").flows
        let rules = flows.map(\.observed.logRule)
        #expect(
            rules[0]
                == PacketLogRule(
                    prefix: "calico-packet np:app/foo:admin:foo", tier: "admin", kind: "CalicoNetworkPolicy", namespace: "app", name: "foo")
        )
        #expect(rules[1] == PacketLogRule(prefix: "calico-packet pro:profile1::profile1", kind: "Profile", name: "profile1"))
        #expect(
            rules[2]
                == PacketLogRule(
                    prefix: "calico-packet gnp:ep2-4:default:ep2-4", tier: "default", kind: "GlobalNetworkPolicy", name: "ep2-4"))
        #expect(rules[3] == PacketLogRule(prefix: "calico-packet knp:shop/allow-", kind: "NetworkPolicy"))
        #expect(rules[4] == PacketLogRule(prefix: "calico-packet"))
        #expect(flows.allSatisfy { $0.observed.verdict == .unknown && $0.observed.policies.isEmpty })
        #expect(flows[3].destination.ip == IPAddress("10.0.0.10"))
        #expect(flows[1].direction == .ingress)
        #expect(flows[2].direction == nil)

        let plain = try ingestFixture(CalicoLogAdapter(), "flows/calico/log-custom-prefix.log").flows
        #expect(plain[0].observed.logRule == PacketLogRule(prefix: "calico-packet np:app/foo:admin:foo"))
    }

    /// Should match Felix's own rendered examples (felix/fv/policy_test.go, felix/rules/policy_test.go).
    @Test func felixTemplateExamples() {
        func rule(_ template: String, _ prefix: String) -> PacketLogRule? {
            let line = prefix + ": IN=cali0123456789a OUT=eth0 SRC=10.0.0.1 DST=10.0.0.2 LEN=60 PROTO=TCP SPT=1 DPT=2 SYN URGP=0\n"
            let adapter = CalicoLogAdapter(prefixTemplate: CalicoLogPrefixTemplate(template))
            return ingest(adapter, Array(line.utf8)).flows.first?.observed.logRule
        }
        #expect(
            rule("aXy9%n%%t %k %p", "aXy9ep2-4%default gnp ep2-4")
                == PacketLogRule(prefix: "aXy9ep2-4%default gnp ep2-4", tier: "default", kind: "GlobalNetworkPolicy", name: "ep2-4"))
        #expect(
            rule("calico-packet %p:%k:%%y%t%%n", "calico-packet profile1:pro:%%y%profile1")
                == PacketLogRule(prefix: "calico-packet profile1:pro:%%y%profile1", kind: "Profile", name: "profile1"))
        #expect(rule("audit-%k", "something-else") == PacketLogRule(prefix: "something-else"))
    }

    /// Should read IPv6 in full and short form, ICMPv6, an ICMP error with its embedded packet
    /// (outer fields win), UDP's second LEN, protocol numbers, and flag words.
    @Test func protocols() throws {
        let flows = try ingestFixture(CalicoLogAdapter(), "flows/calico/log-protocols.log").flows
        #expect(flows[0].source.ip == IPAddress("fd00:10:244:1::12"))
        #expect(flows[0].destination.ip == IPAddress("fd00:10:244:1::20"))
        #expect(flows[0].direction == .ingress)
        #expect(flows[1].ipProtocol == .icmpv6)
        #expect(flows[1].icmpType == 128)
        #expect(flows[1].destination.ip == IPAddress("2001:4860:4860::8888"))
        #expect(flows[2].ipProtocol == .icmp)
        #expect(flows[2].icmpType == 3)
        #expect(flows[2].icmpCode == 3)
        #expect(flows[2].source.ip == IPAddress("10.0.0.1"))
        #expect(flows[2].sourcePort == nil)
        #expect(flows[3].ipProtocol == .udp)
        #expect(flows[3].destinationPort == 53)
        #expect(flows[4].ipProtocol == .sctp)
        #expect(flows[5].ipProtocol == nil)
        #expect(flows[6].tcpFlags == [.syn, .ece, .cwr])
        #expect(flows[6].direction == nil)
        #expect(flows[6].destinationPort == 2379)
    }
}
