/// Ethernet/IPv4/TCP frames for the generated capture, with valid IPv4 header checksums.
enum PacketFrame {
    /// A TCP segment; SYN and SYN-ACK carry the usual options (MSS, SACK, timestamps, window scale).
    static func tcp(
        _ source: UInt32, _ destination: UInt32, _ sourcePort: UInt16, _ destinationPort: UInt16, seq: UInt32, ack: UInt32,
        flags: UInt8, id: UInt16
    ) -> [UInt8] {
        let options: [UInt8] = flags & 0x02 != 0 ? [2, 4, 5, 0xB4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7] : []
        var frame = ipv4(source, destination, id: id, payloadLength: 20 + options.count)
        append16(&frame, sourcePort)
        append16(&frame, destinationPort)
        append32(&frame, seq)
        append32(&frame, ack)
        frame += [UInt8((20 + options.count) / 4) << 4, flags, 0xFA, 0xF0, 0, 0, 0, 0]
        return frame + options
    }

    private static func ipv4(_ source: UInt32, _ destination: UInt32, id: UInt16, payloadLength: Int) -> [UInt8] {
        var frame: [UInt8] = [0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0x0A, 0x58, 0x0A, 0xF4, 0x01, 0x0C, 0x08, 0x00]
        var header: [UInt8] = [0x45, 0]
        append16(&header, UInt16(20 + payloadLength))
        append16(&header, id)
        header += [0x40, 0, 64, 6, 0, 0]
        append32(&header, source)
        append32(&header, destination)
        var sum: UInt32 = 0
        for index in stride(from: 0, to: header.count, by: 2) { sum += UInt32(header[index]) << 8 | UInt32(header[index + 1]) }
        while sum > 0xFFFF { sum = (sum & 0xFFFF) + (sum >> 16) }
        let checksum = ~UInt16(sum)
        header[10] = UInt8(checksum >> 8)
        header[11] = UInt8(checksum & 0xFF)
        frame += header
        frame.reserveCapacity(frame.count + payloadLength)
        return frame
    }

    private static func append16(_ bytes: inout [UInt8], _ value: UInt16) {
        bytes.append(UInt8(value >> 8))
        bytes.append(UInt8(value & 0xFF))
    }

    private static func append32(_ bytes: inout [UInt8], _ value: UInt32) {
        append16(&bytes, UInt16(value >> 16))
        append16(&bytes, UInt16(value & 0xFFFF))
    }
}
