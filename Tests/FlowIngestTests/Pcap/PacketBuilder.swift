import CPcap
import Foundation

/// Builds packets byte by byte for synthetic captures (checksums left zero: the adapter never
/// checks them, as captures with offload show).
enum PacketBuilder {
    static func be16(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xFF)] }
    static func be32(_ value: UInt32) -> [UInt8] { be16(UInt16(value >> 16)) + be16(UInt16(value & 0xFFFF)) }

    static func v4(_ text: String) -> [UInt8] { text.split(separator: ".").map { UInt8($0) ?? 0 } }

    static func v6(_ text: String) -> [UInt8] {
        let halves = text.components(separatedBy: "::")
        let head = halves[0].split(separator: ":").map { UInt16($0, radix: 16) ?? 0 }
        let tail = halves.count > 1 ? halves[1].split(separator: ":").map { UInt16($0, radix: 16) ?? 0 } : []
        let groups = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        return groups.flatMap(be16)
    }

    /// TCP flags byte values.
    static let syn: UInt8 = 0x02
    static let ack: UInt8 = 0x10
    static let rst: UInt8 = 0x04
    static let fin: UInt8 = 0x01

    static func tcp(_ sport: UInt16, _ dport: UInt16, seq: UInt32, ack: UInt32 = 0, flags: UInt8, payload: [UInt8] = []) -> [UInt8] {
        be16(sport) + be16(dport) + be32(seq) + be32(ack) + [0x50, flags] + be16(64240) + [0, 0, 0, 0] + payload
    }

    static func udp(_ sport: UInt16, _ dport: UInt16, _ payload: [UInt8] = [1, 2, 3, 4]) -> [UInt8] {
        be16(sport) + be16(dport) + be16(UInt16(8 + payload.count)) + [0, 0] + payload
    }

    static func icmp(type: UInt8, code: UInt8, rest: [UInt8]) -> [UInt8] { [type, code, 0, 0] + rest }

    static func echo(type: UInt8, id: UInt16, seq: UInt16) -> [UInt8] { icmp(type: type, code: 0, rest: be16(id) + be16(seq)) }

    /// An IPv4 packet; `options` must be a multiple of 4 bytes.
    static func ipv4(
        _ source: String, _ destination: String, proto: UInt8, _ payload: [UInt8], id: UInt16 = 1, ttl: UInt8 = 64,
        options: [UInt8] = []
    ) -> [UInt8] {
        let headerLength = 20 + options.count
        var header: [UInt8] = [0x40 | UInt8(headerLength / 4), 0] + be16(UInt16(headerLength + payload.count)) + be16(id)
        header += [0x40, 0, ttl, proto, 0, 0] + v4(source) + v4(destination) + options
        return header + payload
    }

    /// An IPv6 packet; `extensions` are (next header value of this extension, its bytes) in order.
    static func ipv6(_ source: String, _ destination: String, next: UInt8, _ payload: [UInt8], extensions: [(UInt8, [UInt8])] = [])
        -> [UInt8]
    {
        var chain: [UInt8] = []
        var first = next
        for (index, (kind, body)) in extensions.enumerated().reversed() {
            _ = index
            var block = body
            block[0] = first
            chain = block + chain
            first = kind
        }
        let body = chain + payload
        return [0x60, 0, 0, 0] + be16(UInt16(body.count)) + [first, 64] + v6(source) + v6(destination) + body
    }

    /// An Ethernet frame with optional VLAN tags (TPID, VID) before the EtherType.
    static func ethernet(_ type: UInt16, _ payload: [UInt8], tags: [(UInt16, UInt16)] = []) -> [UInt8] {
        var frame: [UInt8] = [0x0A, 0x58, 0x0A, 0xF4, 0x01, 0x14, 0x0A, 0x58, 0x0A, 0xF4, 0x01, 0x0B]
        for (tpid, vid) in tags { frame += be16(tpid) + be16(vid) }
        return frame + be16(type) + payload
    }

    /// A Linux cooked v2 header (`-i any`): protocol, interface index, packet type.
    static func sll2(_ type: UInt16, _ payload: [UInt8], ifindex: UInt32, packetType: UInt8 = 0) -> [UInt8] {
        be16(type) + [0, 0] + be32(ifindex) + be16(1) + [packetType, 6] + [0x0A, 0x58, 0x0A, 0xF4, 0x01, 0x0B, 0, 0] + payload
    }

    /// A Linux cooked v1 header.
    static func sll(_ type: UInt16, _ payload: [UInt8]) -> [UInt8] {
        be16(0) + be16(1) + be16(6) + [0x0A, 0x58, 0x0A, 0xF4, 0x01, 0x0B, 0, 0] + be16(type) + payload
    }

    static func vxlan(vni: UInt32, _ innerFrame: [UInt8]) -> [UInt8] { [0x08, 0, 0, 0] + be32(vni << 8) + innerFrame }

    static func geneve(vni: UInt32, protocolType: UInt16, options: [UInt8], _ inner: [UInt8]) -> [UInt8] {
        [UInt8(options.count / 4), 0] + be16(protocolType) + be32(vni << 8) + options + inner
    }
}

/// One packet of a synthetic capture.
struct CapturedPacket {
    var time: Int64
    var bytes: [UInt8]
    /// Bytes kept (the snapshot length cut); `nil` keeps all.
    var captured: Int? = nil
}

/// Writes `packets` to a temporary capture file, calls `body` with its path, and removes the file.
func withCapture<Result>(
    _ packets: [CapturedPacket], linkType: Int32, nano: Bool = true, name: String = #function, _ body: (String) throws -> Result
) throws -> Result {
    let path = try writeCapture(packets, linkType: linkType, nano: nano, name: name)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}

/// Writes `packets` with libpcap's dump API (`pcap_open_dead` + `pcap_dump_open` + `pcap_dump`).
private func writeCapture(_ packets: [CapturedPacket], linkType: Int32, nano: Bool, name: String) throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("denyscope-pcap-tests")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let safe = name.filter { $0.isLetter || $0.isNumber }
    let path = directory.appendingPathComponent("\(safe)-\(linkType)-\(ProcessInfo.processInfo.processIdentifier).pcap").path
    let precision = UInt32(nano ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO)
    guard let dead = pcap_open_dead_with_tstamp_precision(linkType, 65535, precision) else { throw CocoaError(.fileWriteUnknown) }
    defer { pcap_close(dead) }
    guard let dumper = pcap_dump_open(dead, path) else { throw CocoaError(.fileWriteUnknown) }
    let user = UnsafeMutableRawPointer(dumper).assumingMemoryBound(to: UInt8.self)
    for packet in packets {
        var header = pcap_pkthdr()
        let unit: Int64 = nano ? 1_000_000_000 : 1_000_000
        let scaled = nano ? packet.time : packet.time / 1000
        header.ts.tv_sec = Int(scaled / unit)
        header.ts.tv_usec = Int(scaled % unit)
        header.len = UInt32(packet.bytes.count)
        header.caplen = UInt32(min(packet.captured ?? packet.bytes.count, packet.bytes.count))
        packet.bytes.withUnsafeBufferPointer { pcap_dump(user, &header, $0.baseAddress) }
    }
    pcap_dump_close(dumper)
    return path
}
