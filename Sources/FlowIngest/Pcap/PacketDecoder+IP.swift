import DenyscopeCore

extension PacketDecoder {
    /// An IPv4 packet at `offset`.
    func ipv4(_ bytes: PacketBytes, at offset: Int, depth: Int, tunnel: Tunnel?) -> Result {
        do {
            return upper(bytes, try IPHeader.ipv4(bytes, at: offset), depth: depth, tunnel: tunnel, outerIsV4: true)
        } catch {
            return Self.result(of: error)
        }
    }

    /// An IPv6 packet at `offset`.
    func ipv6(_ bytes: PacketBytes, at offset: Int, depth: Int, tunnel: Tunnel?) -> Result {
        do {
            return upper(bytes, try IPHeader.ipv6(bytes, at: offset), depth: depth, tunnel: tunnel, outerIsV4: false)
        } catch {
            return Self.result(of: error)
        }
    }

    static func result(of problem: IPHeader.Problem) -> Result {
        switch problem {
        case .cut: return .skipped(.snaplenCut)
        case .invalid(let message): return .failed(message)
        }
    }

    /// The upper layer of an IP packet: a transport, or an inner IP packet (IP-in-IP,
    /// IPv6-in-IPv4) whose inner addresses are the ones that count.
    private func upper(_ bytes: PacketBytes, _ header: IPHeader, depth: Int, tunnel: Tunnel?, outerIsV4: Bool) -> Result {
        if header.isLaterFragment { return .skipped(.ipFragment) }
        switch header.nextProtocol {
        case 4, 41:
            guard depth < Self.maxDepth else { return .failed("more than \(Self.maxDepth) nested encapsulations") }
            let isV4 = header.nextProtocol == 4
            let kind: Tunnel = outerIsV4 ? (isV4 ? .ipip : .ipv6InIPv4) : (isV4 ? .ipv4InIPv6 : .ipv6InIPv6)
            let outer = tunnel ?? kind
            return isV4
                ? ipv4(bytes, at: header.payloadOffset, depth: depth + 1, tunnel: outer)
                : ipv6(bytes, at: header.payloadOffset, depth: depth + 1, tunnel: outer)
        default:
            guard let transport = DecodedPacket.Transport(rawValue: header.nextProtocol) else { return .skipped(.otherProtocol) }
            var packet = DecodedPacket(source: header.source, destination: header.destination, transport: transport)
            packet.ipID = header.identification
            packet.payloadLength = header.payloadLength
            packet.tunnel = tunnel
            return self.transport(bytes, packet, at: header.payloadOffset, depth: depth)
        }
    }
}
