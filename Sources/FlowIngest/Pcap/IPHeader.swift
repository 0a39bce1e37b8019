import DenyscopeCore

/// The parts of an IPv4 or IPv6 header (after its extension headers) the decoder needs.
struct IPHeader {
    var source: IPAddress
    var destination: IPAddress
    /// The upper-layer protocol number, after IPv6 extension headers.
    var nextProtocol: UInt8
    /// Where the upper-layer header starts.
    var payloadOffset: Int
    /// The upper-layer length the header declares.
    var payloadLength: Int
    /// IPv4 identification or IPv6 fragment identification.
    var identification: UInt32
    /// Whether this is a fragment other than the first (no upper-layer header).
    var isLaterFragment: Bool

    /// Problems that make a header unreadable.
    enum Problem: Error {
        case cut
        case invalid(String)
    }

    /// Reads an IPv4 header at `offset`, with its options.
    static func ipv4(_ bytes: PacketBytes, at offset: Int) throws(Problem) -> IPHeader {
        guard let first = bytes.u8(offset), let total = bytes.u16(offset + 2), let ident = bytes.u16(offset + 4),
            let fragment = bytes.u16(offset + 6), let proto = bytes.u8(offset + 9), let source = bytes.u32(offset + 12),
            let destination = bytes.u32(offset + 16)
        else { throw .cut }
        guard first >> 4 == 4 else { throw .invalid("IPv4 header with version \(first >> 4)") }
        let headerLength = Int(first & 0x0F) * 4
        guard headerLength >= 20 else { throw .invalid("IPv4 header length \(headerLength) is less than 20") }
        // A zero total length is what TSO/GSO super-packets show: take what was captured.
        let declared = Int(total) >= headerLength ? Int(total) - headerLength : max(0, bytes.count - offset - headerLength)
        return IPHeader(
            source: .v4(source), destination: .v4(destination), nextProtocol: proto, payloadOffset: offset + headerLength,
            payloadLength: declared, identification: UInt32(ident), isLaterFragment: fragment & 0x1FFF != 0)
    }

    /// Reads an IPv6 header at `offset` and walks its extension headers (hop-by-hop, routing,
    /// destination options, fragment, authentication) to the upper layer.
    static func ipv6(_ bytes: PacketBytes, at offset: Int) throws(Problem) -> IPHeader {
        guard let first = bytes.u8(offset), let length = bytes.u16(offset + 4), var next = bytes.u8(offset + 6),
            let sourceHigh = bytes.u64(offset + 8), let sourceLow = bytes.u64(offset + 16),
            let destinationHigh = bytes.u64(offset + 24), let destinationLow = bytes.u64(offset + 32)
        else { throw .cut }
        guard first >> 4 == 6 else { throw .invalid("IPv6 header with version \(first >> 4)") }
        var position = offset + 40
        var identification: UInt32 = 0
        var laterFragment = false
        var headers = 0
        extensions: while true {
            switch next {
            case 0, 43, 60, 135, 139, 140:  // hop-by-hop, routing, destination options, mobility, HIP, shim6
                guard let following = bytes.u8(position), let units = bytes.u8(position + 1) else { throw .cut }
                next = following
                position += (Int(units) + 1) * 8
            case 44:  // fragment
                guard let following = bytes.u8(position), let fragment = bytes.u16(position + 2),
                    let ident = bytes.u32(position + 4)
                else { throw .cut }
                next = following
                identification = ident
                laterFragment = fragment & 0xFFF8 != 0
                position += 8
            case 51:  // authentication header: length in 4-byte units minus 2
                guard let following = bytes.u8(position), let units = bytes.u8(position + 1) else { throw .cut }
                next = following
                position += (Int(units) + 2) * 4
            default:
                break extensions
            }
            headers += 1
            guard headers <= 16 else { throw .invalid("more than 16 IPv6 extension headers") }
        }
        let declared = max(0, Int(length) - (position - offset - 40))
        return IPHeader(
            source: .v6(high: sourceHigh, low: sourceLow), destination: .v6(high: destinationHigh, low: destinationLow),
            nextProtocol: next, payloadOffset: position, payloadLength: declared, identification: identification,
            isLaterFragment: laterFragment)
    }
}
