import CPcap
import DenyscopeCore
import DenyscopeTestSupport
import FlowIngest
import Testing

/// `fixtures/bad/pcap/*` and other unreadable captures: exact errors, no crash.
struct PcapBadInputTests {
    func error(reading path: String, options: PcapOptions = PcapOptions()) -> String? {
        do {
            _ = try readCapture(path, options: options)
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// Should keep the 107 packets' flows of a capture cut in its last packet, and count one failure naming packet 108.
    @Test func truncatedCaptureKeepsFlowsReadSoFar() throws {
        let path = Fixtures.path("bad/pcap/web-veth-truncated.pcap")
        let result = try readCapture(path)
        #expect(result.flows.count == 19)
        #expect(result.stats.records == 108)
        #expect(result.stats.failed == 1)
        #expect(
            result.stats.failures.map(\.description) == [
                "\(path): packet 108: cannot read packet: truncated dump file; tried to read 78 captured bytes, only got 48"
            ])
        #expect(result.stats.isBalanced)
        #expect(throws: InputError.self) { try PcapReader().read(path: path, strict: true) { _ in } }
    }

    /// Should refuse bytes that are no capture, naming the file.
    @Test func garbageBytes() {
        let path = Fixtures.path("bad/pcap/garbage.pcap")
        #expect(error(reading: path) == "\(path): cannot read capture: unknown file format")
    }

    /// Should explain libpcap's pcapng limit (interfaces with different link types) with the
    /// packet number and a way out, instead of crashing.
    @Test func pcapngMixingLinkTypes() {
        let path = Fixtures.path("bad/pcap/mixed-linktypes.pcapng")
        #expect(
            error(reading: path)
                == "\(path): packet 1: libpcap cannot read this capture: an interface has a type 113 different from the type of the first interface; "
                + "split it per interface (tshark -r FILE -Y 'frame.interface_id==N' -w part.pcapng)")
    }

    /// Should refuse a link type it does not decode, and a missing file.
    @Test func unsupportedLinkTypeAndMissingFile() throws {
        try withCapture([CapturedPacket(time: 0, bytes: [1, 2, 3])], linkType: 105) { path in
            #expect(
                error(reading: path)
                    == "\(path): unsupported link type 105 (IEEE802_11); readable: EN10MB, LINUX_SLL, LINUX_SLL2, RAW, IPV4, IPV6")
        }
        #expect(error(reading: "/nonexistent/x.pcap") == "/nonexistent/x.pcap: cannot read capture: No such file or directory")
    }

    /// Should count malformed headers as failures and cut or odd frames as skips, never trapping,
    /// for every prefix of a tunnelled packet and for random bytes.
    @Test func hostileFramesNeverTrap() throws {
        let inner = P.ethernet(0x0800, P.ipv4("10.0.0.1", "10.0.0.2", proto: 6, P.tcp(1, 2, seq: 3, flags: P.syn)))
        let frame = P.ethernet(0x0800, P.ipv4("172.18.0.2", "172.18.0.3", proto: 17, P.udp(1, 4789, P.vxlan(vni: 1, inner))))
        var packets = (0...frame.count).map { CapturedPacket(time: Int64($0), bytes: frame, captured: $0) }
        var generator = SystemRandomNumberGenerator()
        for index in 0..<500 {
            let bytes = (0..<Int.random(in: 0...120, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            packets.append(CapturedPacket(time: Int64(1000 + index), bytes: P.ethernet(0x0800, [0x45] + bytes)))
        }
        packets.append(CapturedPacket(time: 5000, bytes: P.ethernet(0x0800, [0x42] + Array(repeating: 0, count: 30))))
        let result = try withCapture(packets, linkType: DLT_EN10MB) { try readCapture($0) }
        #expect(result.stats.isBalanced)
        #expect(result.stats.records == packets.count)
        #expect(result.stats.failures.contains { $0.message == "IPv4 header with version 4" } == false)
        #expect(result.stats.failures.last?.message == "IPv4 header length 8 is less than 20")
    }
}

/// A consumer that fails while a capture is read in the background.
struct PcapConsumerFailureTests {
    struct Stop: Error {}

    /// Should rethrow the consumer's error and stop the reading thread, keeping nothing.
    @Test func consumerErrorStopsTheReader() throws {
        var calls = 0
        #expect(throws: Stop.self) {
            try PcapReader().read(path: Fixtures.path("flows/pcap/node1-any-sll.pcap")) { _ in
                calls += 1
                throw Stop()
            }
        }
        #expect(calls == 1)
    }
}
