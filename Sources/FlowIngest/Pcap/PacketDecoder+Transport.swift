import DenyscopeCore

extension PacketDecoder {
    /// The transport header at `offset`, filling `packet`; UDP to a VXLAN or Geneve port is
    /// decapsulated instead.
    func transport(_ bytes: PacketBytes, _ packet: DecodedPacket, at offset: Int, depth: Int) -> Result {
        var packet = packet
        switch packet.transport {
        case .tcp:
            guard let ports = bytes.u32(offset) else { return .skipped(.snaplenCut) }
            guard let sequence = bytes.u32(offset + 4), let acknowledgment = bytes.u32(offset + 8),
                let high = bytes.u8(offset + 12), let low = bytes.u8(offset + 13)
            else { return .skipped(.snaplenCut) }
            packet.sourcePort = UInt16(truncatingIfNeeded: ports >> 16)
            packet.destinationPort = UInt16(truncatingIfNeeded: ports)
            packet.sequence = sequence
            packet.acknowledgment = acknowledgment
            packet.tcpFlags = TCPFlags(rawValue: UInt16(high & 1) << 8 | UInt16(low))
        case .udp:
            guard let source = bytes.u16(offset), let destination = bytes.u16(offset + 2) else { return .skipped(.snaplenCut) }
            if Self.wireGuardPorts.contains(destination) || Self.wireGuardPorts.contains(source) {
                return .skipped(.encryptedTunnel)
            }
            if let inner = decapsulate(bytes, destinationPort: destination, payload: offset + 8, depth: depth, tunnel: packet.tunnel) {
                return inner
            }
            packet.sourcePort = source
            packet.destinationPort = destination
        case .sctp:
            guard let source = bytes.u16(offset), let destination = bytes.u16(offset + 2), let tag = bytes.u32(offset + 4)
            else { return .skipped(.snaplenCut) }
            packet.sourcePort = source
            packet.destinationPort = destination
            packet.sequence = tag
        case .icmp, .icmpv6:
            return icmp(bytes, packet, at: offset)
        }
        return .packet(packet)
    }

    /// VXLAN (8-byte header with the I flag, then Ethernet) or Geneve (base header, options,
    /// then the protocol its type names), or `nil` when the datagram is neither.
    private func decapsulate(_ bytes: PacketBytes, destinationPort: UInt16, payload: Int, depth: Int, tunnel: Tunnel?) -> Result? {
        if vxlanPorts.contains(destinationPort) {
            guard let flags = bytes.u8(payload), flags & 0x08 != 0, bytes.has(payload, 8) else { return nil }
            guard depth < Self.maxDepth else { return .failed("more than \(Self.maxDepth) nested encapsulations") }
            return ethernet(bytes, at: payload + 8, depth: depth + 1, tunnel: tunnel ?? .vxlan)
        }
        if genevePorts.contains(destinationPort) {
            guard let first = bytes.u8(payload), first >> 6 == 0, let type = bytes.u16(payload + 2) else { return nil }
            guard depth < Self.maxDepth else { return .failed("more than \(Self.maxDepth) nested encapsulations") }
            let inner = payload + 8 + Int(first & 0x3F) * 4
            if type == 0x6558 { return ethernet(bytes, at: inner, depth: depth + 1, tunnel: tunnel ?? .geneve) }
            return network(bytes, etherType: type, at: inner, depth: depth + 1, tunnel: tunnel ?? .geneve)
        }
        return nil
    }

    /// ICMP and ICMPv6: echoes (identifier as both "ports"), errors (with the quoted probe),
    /// neighbour discovery and the rest skipped.
    private func icmp(_ bytes: PacketBytes, _ packet: DecodedPacket, at offset: Int) -> Result {
        var packet = packet
        guard let type = bytes.u8(offset), let code = bytes.u8(offset + 1) else { return .skipped(.snaplenCut) }
        packet.icmpType = type
        packet.icmpCode = code
        let isV6 = packet.transport == .icmpv6
        let isEcho = isV6 ? (type == 128 || type == 129) : (type == 8 || type == 0)
        let isError = isV6 ? (1...4).contains(type) : [3, 4, 5, 11, 12].contains(type)
        if isEcho {
            guard let identifier = bytes.u16(offset + 4), let sequence = bytes.u16(offset + 6) else { return .skipped(.snaplenCut) }
            packet.sourcePort = identifier
            packet.destinationPort = identifier
            packet.sequence = UInt32(sequence)
            return .packet(packet)
        }
        guard isError else { return .skipped(isV6 && (130...143).contains(type) ? .neighborDiscovery : .icmpOther) }
        packet.quoted = quoted(bytes, at: offset + 8, isV6: isV6)
        guard packet.quoted != nil else { return .skipped(.snaplenCut) }
        return .packet(packet)
    }

    /// The header an ICMP error quotes: the original IP header and at least 8 bytes of its
    /// transport header (RFC 792, RFC 4443), read as far as the ports.
    private func quoted(_ bytes: PacketBytes, at offset: Int, isV6: Bool) -> DecodedPacket.Quoted? {
        let header: IPHeader
        do {
            header = isV6 ? try IPHeader.ipv6(bytes, at: offset) : try IPHeader.ipv4(bytes, at: offset)
        } catch {
            return nil
        }
        guard let transport = DecodedPacket.Transport(rawValue: header.nextProtocol) else { return nil }
        let start = header.payloadOffset
        var sourcePort: UInt16
        var destinationPort: UInt16
        switch transport {
        case .icmp, .icmpv6:
            guard let identifier = bytes.u16(start + 4) else { return nil }
            sourcePort = identifier
            destinationPort = identifier
        case .tcp, .udp, .sctp:
            guard let source = bytes.u16(start), let destination = bytes.u16(start + 2) else { return nil }
            sourcePort = source
            destinationPort = destination
        }
        return DecodedPacket.Quoted(
            source: header.source, destination: header.destination, transport: transport, sourcePort: sourcePort,
            destinationPort: destinationPort)
    }
}
