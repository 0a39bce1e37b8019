import DenyscopeCore

/// The fields of one captured packet that connection tracking needs, after the link layer,
/// VLAN tags and any tunnel were peeled off (the addresses are the innermost ones).
struct DecodedPacket {
    /// IP protocol numbers the tracker handles.
    enum Transport: UInt8 {
        case icmp = 1
        case tcp = 6
        case udp = 17
        case icmpv6 = 58
        case sctp = 132
    }

    /// The header of the packet an ICMP error quotes: the probe it answers.
    struct Quoted {
        var source: IPAddress
        var destination: IPAddress
        var transport: Transport
        var sourcePort: UInt16
        var destinationPort: UInt16
    }

    var source: IPAddress
    var destination: IPAddress
    var transport: Transport
    /// TCP, UDP, SCTP source port; the echo identifier for ICMP echoes.
    var sourcePort: UInt16 = 0
    /// TCP, UDP, SCTP destination port; the echo identifier for ICMP echoes.
    var destinationPort: UInt16 = 0
    var tcpFlags: TCPFlags = []
    /// TCP sequence number, SCTP verification tag, ICMP echo sequence number.
    var sequence: UInt32 = 0
    /// TCP acknowledgment number.
    var acknowledgment: UInt32 = 0
    /// IPv4 identification or IPv6 fragment identification (0 when absent).
    var ipID: UInt32 = 0
    /// The IP payload length the header declares (not what was captured).
    var payloadLength: Int = 0
    var icmpType: UInt8 = 0
    var icmpCode: UInt8 = 0
    /// For ICMP errors: the quoted probe.
    var quoted: Quoted?
    /// The outermost encapsulation the packet was found in.
    var tunnel: Tunnel?

    /// Whether this is an ICMP or ICMPv6 echo request.
    var isEchoRequest: Bool {
        (transport == .icmp && icmpType == 8) || (transport == .icmpv6 && icmpType == 128)
    }

    /// Whether this is an ICMP or ICMPv6 echo reply.
    var isEchoReply: Bool {
        (transport == .icmp && icmpType == 0) || (transport == .icmpv6 && icmpType == 129)
    }

    /// A 64-bit digest of everything that tells two packets apart but stays the same on every
    /// interface a packet crosses (no TTL, no link-layer or tunnel header): copies of one packet
    /// have equal fingerprints.
    var fingerprint: UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        @inline(__always) func mix(_ value: UInt64) {
            hash = (hash ^ value) &* 0x0000_0100_0000_01B3
            hash ^= hash >> 29
        }
        mix(source.fingerprintBits)
        mix(destination.fingerprintBits)
        mix(UInt64(transport.rawValue) << 48 | UInt64(sourcePort) << 32 | UInt64(destinationPort) << 16 | UInt64(tcpFlags.rawValue))
        mix(UInt64(sequence) << 32 | UInt64(acknowledgment))
        mix(UInt64(ipID) << 32 | UInt64(truncatingIfNeeded: payloadLength) << 16 | UInt64(icmpType) << 8 | UInt64(icmpCode))
        return hash
    }
}

/// An encapsulation the decoder looked through.
enum Tunnel: String {
    case vxlan = "VXLAN"
    case geneve = "GENEVE"
    case ipip = "IPIP"
    case ipv6InIPv4 = "IPv6-in-IPv4"
    case ipv6InIPv6 = "IPv6-in-IPv6"
    case ipv4InIPv6 = "IPv4-in-IPv6"
}

extension IPAddress {
    /// The address folded to 64 bits, for fingerprints.
    var fingerprintBits: UInt64 {
        switch self {
        case .v4(let value): return UInt64(value)
        case .v6(let high, let low): return high ^ (low &* 0x9E37_79B9_7F4A_7C15)
        }
    }
}
