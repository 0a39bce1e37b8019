import DenyscopeCore

/// The direction-free identity of a connection: both addresses with their ports (echo
/// identifier for ICMP) in a canonical order, and the protocol. Packets in both directions of
/// one connection have the same key.
struct ConnectionKey: Hashable {
    private let lowAddress: IPAddress
    private let highAddress: IPAddress
    private let ports: UInt32
    private let transport: UInt8

    /// The key of a packet from `source`:`sourcePort` to `destination`:`destinationPort`.
    init(
        _ transport: DecodedPacket.Transport, _ source: IPAddress, _ sourcePort: UInt16, _ destination: IPAddress,
        _ destinationPort: UInt16
    ) {
        self.transport = transport.rawValue
        if (source, sourcePort) <= (destination, destinationPort) {
            lowAddress = source
            highAddress = destination
            ports = UInt32(sourcePort) << 16 | UInt32(destinationPort)
        } else {
            lowAddress = destination
            highAddress = source
            ports = UInt32(destinationPort) << 16 | UInt32(sourcePort)
        }
    }

    /// The key of the connection `packet` belongs to (ICMPv6 and ICMP echoes of either family
    /// keyed by their identifier).
    init(_ packet: DecodedPacket) {
        self.init(packet.transport, packet.source, packet.sourcePort, packet.destination, packet.destinationPort)
    }

    /// The key of the probe an ICMP error quotes.
    init(_ quoted: DecodedPacket.Quoted) {
        self.init(quoted.transport, quoted.source, quoted.sourcePort, quoted.destination, quoted.destinationPort)
    }
}
