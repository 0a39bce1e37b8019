import CPcap
import DenyscopeCore
import FlowIngest
import Testing

typealias P = PacketBuilder

/// Synthetic captures, one variant each: link types, VLAN tags, tunnels, IPv6 extension
/// headers, and the connection-tracking outcomes (reference/pcap.md §1, §2).
struct PcapVariantTests {
    static let second: Int64 = 1_000_000_000
    static let start: Int64 = 1_795_419_046 * 1_000_000_000

    /// A handshake client 10.0.0.1:40000 → server 10.0.0.2:80 as IPv4 packets.
    static func handshake(_ sport: UInt16 = 40000, _ dport: UInt16 = 80) -> [[UInt8]] {
        [
            P.ipv4("10.0.0.1", "10.0.0.2", proto: 6, P.tcp(sport, dport, seq: 1000, flags: P.syn), id: 1),
            P.ipv4("10.0.0.2", "10.0.0.1", proto: 6, P.tcp(dport, sport, seq: 5000, ack: 1001, flags: P.syn | P.ack), id: 0),
            P.ipv4("10.0.0.1", "10.0.0.2", proto: 6, P.tcp(sport, dport, seq: 1001, ack: 5001, flags: P.ack), id: 2),
        ]
    }

    /// Packets one millisecond apart from `start`.
    static func timed(_ frames: [[UInt8]], gap: Int64 = 1_000_000) -> [CapturedPacket] {
        frames.enumerated().map { CapturedPacket(time: start + Int64($0.offset) * gap, bytes: $0.element) }
    }

    func read(_ packets: [CapturedPacket], linkType: Int32, options: PcapOptions = PcapOptions(), name: String = #function) throws
        -> IngestResult
    {
        try withCapture(packets, linkType: linkType, name: name) { try readCapture($0, options: options) }
    }

    /// Should read Linux cooked v2 (`tcpdump -i any`, DLT 276).
    @Test func linuxSLL2() throws {
        let result = try read(Self.timed(Self.handshake().map { P.sll2(0x0800, $0, ifindex: 3) }), linkType: 276)
        #expect(result.flows.map(summary) == ["tcp 10.0.0.1:40000 > 10.0.0.2:80 established"])
        #expect(result.stats.parsed == 3)
    }

    /// Should read raw IP (DLT_RAW 12), IPv4-only (228) and IPv6-only (229) captures.
    @Test func rawIPLinkTypes() throws {
        let raw = try read(Self.timed(Self.handshake()), linkType: DLT_RAW)
        #expect(raw.flows.map(summary) == ["tcp 10.0.0.1:40000 > 10.0.0.2:80 established"])
        let v4 = try read(Self.timed(Self.handshake()), linkType: 228)
        #expect(v4.flows.map(summary) == ["tcp 10.0.0.1:40000 > 10.0.0.2:80 established"])
        let v6 = try read(
            Self.timed([P.ipv6("fd00::1", "fd00::2", next: 17, P.udp(5000, 53)), P.ipv6("fd00::2", "fd00::1", next: 17, P.udp(53, 5000))]),
            linkType: 229)
        #expect(v6.flows.map(summary) == ["udp [fd00::1]:5000 > [fd00::2]:53 established"])
    }

    /// Should look through 802.1Q and QinQ (802.1ad + 802.1Q) tags.
    @Test func vlanTags() throws {
        let frames = Self.handshake().enumerated().map { index, packet in
            index == 1
                ? P.ethernet(0x0800, packet, tags: [(0x88A8, 10), (0x8100, 100)])
                : P.ethernet(0x0800, packet, tags: [(0x8100, 100)])
        }
        let result = try read(Self.timed(frames), linkType: DLT_EN10MB)
        #expect(result.flows.map(summary) == ["tcp 10.0.0.1:40000 > 10.0.0.2:80 established"])
    }

    /// Should decapsulate VXLAN on 4789 and 8472 and keep the inner pod addresses.
    @Test(arguments: [UInt16(4789), 8472]) func vxlan(port: UInt16) throws {
        let frames = Self.handshake().enumerated().map { index, inner in
            let outer = P.udp(UInt16(49000 + index), port, P.vxlan(vni: 42, P.ethernet(0x0800, inner)))
            return P.ethernet(
                0x0800, P.ipv4(index == 1 ? "172.18.0.3" : "172.18.0.2", index == 1 ? "172.18.0.2" : "172.18.0.3", proto: 17, outer))
        }
        let result = try read(Self.timed(frames), linkType: DLT_EN10MB, name: "vxlan\(port)")  // one file per argument
        #expect(result.flows.map(summary) == ["tcp 10.0.0.1:40000 > 10.0.0.2:80 established"])
        #expect(result.flows.first?.tunnel == "VXLAN")
    }

    /// Should decapsulate Geneve with options, to inner Ethernet.
    @Test func geneve() throws {
        let frames = Self.handshake().map { inner in
            let payload = P.geneve(
                vni: 7, protocolType: 0x6558, options: [0x01, 0x02, 0x03, 0x01, 0xAA, 0xBB, 0xCC, 0xDD], P.ethernet(0x0800, inner))
            return P.ethernet(0x0800, P.ipv4("192.168.1.1", "192.168.1.2", proto: 17, P.udp(33000, 6081, payload)))
        }
        let result = try read(Self.timed(frames), linkType: DLT_EN10MB)
        #expect(result.flows.map(summary) == ["tcp 10.0.0.1:40000 > 10.0.0.2:80 established"])
        #expect(result.flows.first?.tunnel == "GENEVE")
    }

    /// Should decapsulate IP-in-IP (Calico IPIP) and IPv6-in-IPv4.
    @Test func ipInIP() throws {
        let ipip = Self.handshake().map { P.ethernet(0x0800, P.ipv4("192.168.1.1", "192.168.1.2", proto: 4, $0)) }
        let four = try read(Self.timed(ipip), linkType: DLT_EN10MB)
        #expect(four.flows.map(summary) == ["tcp 10.0.0.1:40000 > 10.0.0.2:80 established"])
        #expect(four.flows.first?.tunnel == "IPIP")
        let six = [
            P.ethernet(
                0x0800,
                P.ipv4("192.168.1.1", "192.168.1.2", proto: 41, P.ipv6("fd00::1", "fd00::2", next: 6, P.tcp(1, 2, seq: 9, flags: P.syn))))
        ]
        let sixIn4 = try read(Self.timed(six), linkType: DLT_EN10MB)
        #expect(sixIn4.flows.map(summary) == ["tcp [fd00::1]:1 > [fd00::2]:2 unanswered"])
        #expect(sixIn4.flows.first?.tunnel == "IPv6-in-IPv4")
    }

    /// Should walk IPv6 hop-by-hop, destination options and a first fragment header to TCP, and
    /// read IPv4 with options.
    @Test func ipv6ExtensionHeadersAndIPv4Options() throws {
        let hopByHop: [UInt8] = [0, 0, 1, 4, 0, 0, 0, 0]
        let destination: [UInt8] = [0, 1, 1, 12] + Array(repeating: 0, count: 12)  // 16 bytes
        let fragment: [UInt8] = [0, 0, 0, 1, 0, 0, 0, 7]  // offset 0, more fragments
        let syn = P.ipv6(
            "fd00::1", "fd00::2", next: 6, P.tcp(40000, 443, seq: 1, flags: P.syn),
            extensions: [(0, hopByHop), (60, destination), (44, fragment)])
        let synAck = P.ipv6("fd00::2", "fd00::1", next: 6, P.tcp(443, 40000, seq: 9, ack: 2, flags: P.syn | P.ack))
        let options = P.ipv4("10.0.0.5", "10.0.0.6", proto: 17, P.udp(7000, 53), options: [0x94, 0x04, 0, 0])  // router alert
        let result = try read(Self.timed([syn, synAck, options]), linkType: DLT_RAW)
        #expect(
            result.flows.map(summary) == ["tcp [fd00::1]:40000 > [fd00::2]:443 established", "udp 10.0.0.5:7000 > 10.0.0.6:53 unanswered"])
    }

    /// Should call ICMP 3/13 and ICMPv6 1/5 and 1/6 quoting the probe a policy rejection, 3/3 a refusal,
    /// and 3/4 (fragmentation needed) nothing.
    @Test func icmpErrorsQuotingTheProbe() throws {
        func v4Error(_ code: UInt8, sport: UInt16) -> [[UInt8]] {
            let syn = P.ipv4("10.0.0.1", "10.0.0.2", proto: 6, P.tcp(sport, 80, seq: 77, flags: P.syn))
            return [syn, P.ipv4("10.0.0.9", "10.0.0.1", proto: 1, P.icmp(type: 3, code: code, rest: [0, 0, 0, 0] + syn.prefix(28)))]
        }
        func v6Error(_ code: UInt8, sport: UInt16) -> [[UInt8]] {
            let syn = P.ipv6("fd00::1", "fd00::2", next: 6, P.tcp(sport, 80, seq: 77, flags: P.syn))
            return [syn, P.ipv6("fd00::2", "fd00::1", next: 58, P.icmp(type: 1, code: code, rest: [0, 0, 0, 0] + syn.prefix(48)))]
        }
        let frames = v4Error(13, sport: 1) + v4Error(3, sport: 2) + v4Error(4, sport: 3) + v6Error(5, sport: 4) + v6Error(6, sport: 5)
        let result = try read(Self.timed(frames), linkType: DLT_RAW)
        #expect(
            result.flows.map(summary) == [
                "tcp 10.0.0.1:1 > 10.0.0.2:80 rejected-by-policy", "tcp 10.0.0.1:2 > 10.0.0.2:80 refused",
                "tcp 10.0.0.1:3 > 10.0.0.2:80 unanswered", "tcp [fd00::1]:4 > [fd00::2]:80 rejected-by-policy",
                "tcp [fd00::1]:5 > [fd00::2]:80 rejected-by-policy",
            ])
        #expect(result.flows[0].observed.inferred?.icmpCode == 13)
        #expect(result.flows[0].observed.denial == .policy)
    }

    /// Should call a RST|ACK to a SYN refused, not rejected; a RST after the handshake changes nothing.
    @Test func resetToSyn() throws {
        let frames =
            [
                P.ipv4("10.0.0.1", "10.0.0.2", proto: 6, P.tcp(40000, 81, seq: 500, flags: P.syn)),
                P.ipv4("10.0.0.2", "10.0.0.1", proto: 6, P.tcp(81, 40000, seq: 0, ack: 501, flags: P.rst | P.ack)),
            ] + Self.handshake() + [P.ipv4("10.0.0.2", "10.0.0.1", proto: 6, P.tcp(80, 40000, seq: 5001, flags: P.rst))]
        let result = try read(Self.timed(frames), linkType: DLT_RAW)
        #expect(result.flows.map(summary) == ["tcp 10.0.0.1:40000 > 10.0.0.2:81 refused", "tcp 10.0.0.1:40000 > 10.0.0.2:80 established"])
        #expect(result.flows[0].observed.verdict == .unknown)
    }

    /// Should call UDP without a reply unanswered (weak), even when repeated.
    @Test func udpUnanswered() throws {
        let once = P.ipv4("10.0.0.1", "10.0.0.2", proto: 17, P.udp(5000, 53))
        let result = try read(Self.timed([once, once, once], gap: Self.second), linkType: DLT_RAW)
        #expect(result.flows.map(summary) == ["udp 10.0.0.1:5000 > 10.0.0.2:53 unanswered"])
        #expect(result.flows.first?.observed.inferred?.probes == 3)
        #expect(result.flows.first?.observed.inferred?.strength == .weak)
    }

    /// Should call SYN retransmissions (same ISN) with nothing back a silent drop, and one SYN unanswered.
    @Test func synRetransmissions() throws {
        let syn = P.ipv4("10.0.0.1", "10.0.0.2", proto: 6, P.tcp(40000, 80, seq: 1000, flags: P.syn))
        let lone = P.ipv4("10.0.0.1", "10.0.0.2", proto: 6, P.tcp(40001, 80, seq: 1000, flags: P.syn))
        let result = try read(Self.timed([syn, syn, syn, syn, lone], gap: Self.second), linkType: DLT_RAW)
        #expect(
            result.flows.map(summary) == [
                "tcp 10.0.0.1:40000 > 10.0.0.2:80 silently-dropped", "tcp 10.0.0.1:40001 > 10.0.0.2:80 unanswered",
            ])
        #expect(result.flows[0].observed.inferred?.probes == 4)
        #expect(result.flows[0].observed.inferred?.strength == .inferred)
        #expect(result.flows[0].attempts == 1)
    }

    /// Should count a packet seen on two interfaces once, but a retransmission a second later again.
    @Test func duplicateOnTwoInterfaces() throws {
        let syn = P.ipv4("10.0.0.1", "10.0.0.2", proto: 6, P.tcp(40000, 80, seq: 1000, flags: P.syn), id: 77)
        let packets = [
            CapturedPacket(time: Self.start, bytes: P.sll2(0x0800, syn, ifindex: 3, packetType: 3)),
            CapturedPacket(time: Self.start + 40_000, bytes: P.sll2(0x0800, syn, ifindex: 6, packetType: 4)),
            CapturedPacket(time: Self.start + Self.second, bytes: P.sll2(0x0800, syn, ifindex: 3, packetType: 3)),
            CapturedPacket(time: Self.start + Self.second + 40_000, bytes: P.sll2(0x0800, syn, ifindex: 6, packetType: 4)),
        ]
        let result = try read(packets, linkType: 276)
        #expect(result.flows.map(summary) == ["tcp 10.0.0.1:40000 > 10.0.0.2:80 silently-dropped"])
        #expect(result.flows.first?.observed.inferred?.probes == 2)
        #expect(result.skips == ["duplicate": 2])
        let kept = try read(packets, linkType: 276, options: PcapOptions(duplicateWindow: 0))
        #expect(kept.flows.first?.observed.inferred?.probes == 4)
    }

    /// Should read what a snapshot length leaves (IPv4 TCP flags within 64 bytes) and skip a packet
    /// cut before its TCP flags.
    @Test func snaplenCut() throws {
        var packets = Self.timed(Self.handshake().map { P.ethernet(0x0800, $0) })
        for index in packets.indices { packets[index].captured = 64 }
        let v6 = P.ethernet(0x86DD, P.ipv6("fd00::1", "fd00::2", next: 6, P.tcp(1, 2, seq: 3, flags: P.syn)))
        packets.append(CapturedPacket(time: Self.start + Self.second, bytes: v6, captured: 14 + 40 + 10))
        let result = try read(packets, linkType: DLT_EN10MB)
        #expect(result.flows.map(summary) == ["tcp 10.0.0.1:40000 > 10.0.0.2:80 established"])
        #expect(result.skips == ["snaplen_cut": 1])
    }

    /// Should apply a BPF `--filter` (pcap_compile), and reject one that does not compile.
    @Test func bpfFilter() throws {
        let frames = Self.handshake(40000, 80) + Self.handshake(40001, 443)
        try withCapture(Self.timed(frames.map { P.ethernet(0x0800, $0) }), linkType: DLT_EN10MB) { path in
            let filtered = try readCapture(path, options: PcapOptions(filter: "tcp port 443"))
            #expect(filtered.flows.map(summary) == ["tcp 10.0.0.1:40001 > 10.0.0.2:443 established"])
            #expect(filtered.stats.records == 3)
            #expect(throws: InputError.self) { try readCapture(path, options: PcapOptions(filter: "udp port 4789 or vxlan")) }
            do {
                _ = try readCapture(path, options: PcapOptions(filter: "tcp port"))
            } catch let error as InputError {
                #expect(error.description == "\(path): invalid --filter \"tcp port\": can't parse filter expression: syntax error")
                #expect(error.code == .invalidValue)
            }
        }
    }

    /// Should read µs and ns captures to the same nanosecond times.
    @Test func timestampPrecisions() throws {
        let packets = Self.timed(Self.handshake())
        let micro = try withCapture(packets, linkType: DLT_RAW, nano: false, name: "micro") { try readCapture($0) }
        let nano = try withCapture(packets, linkType: DLT_RAW, nano: true, name: "nano") { try readCapture($0) }
        #expect(micro.flows.first?.time == Self.start)
        #expect(nano.flows.first?.time == Self.start)
    }

    /// Should read ICMP echoes by identifier, and the `FlowReader` should sniff a capture.
    @Test func echoAndFlowReader() throws {
        let frames = [
            P.ipv4("10.0.0.1", "10.0.0.2", proto: 1, P.echo(type: 8, id: 9, seq: 1)),
            P.ipv4("10.0.0.2", "10.0.0.1", proto: 1, P.echo(type: 0, id: 9, seq: 1)),
            P.ipv6("fd00::1", "fd00::2", next: 58, P.echo(type: 128, id: 4, seq: 1)),
            P.ipv6("fd00::1", "fd00::2", next: 58, P.echo(type: 128, id: 4, seq: 2)),
        ]
        try withCapture(Self.timed(frames, gap: Self.second), linkType: DLT_RAW) { path in
            var flows: [Flow] = []
            let stats = try FlowReader(options: IngestOptions()).read([path]) { flows += $0 }
            #expect(flows.map(summary) == ["icmp 10.0.0.1 > 10.0.0.2 established", "icmpv6 fd00::1 > fd00::2 silently-dropped"])
            #expect(flows.first?.icmpType == 8)
            #expect(stats.parsed == 4)
            var filtered: [Flow] = []
            _ = try FlowReader(options: IngestOptions(format: .pcap, filter: "icmp6")).read([path]) { filtered += $0 }
            #expect(filtered.map(summary) == ["icmpv6 fd00::1 > fd00::2 silently-dropped"])
        }
    }
}
