import DenyscopeCore

/// Turns one captured frame into a `DecodedPacket`: link layer, VLAN tags, IPv4 (options) or IPv6
/// (extension headers), tunnels (VXLAN, Geneve, IP-in-IP, IPv6-in-IPv4), then TCP, UDP, SCTP,
/// ICMP or ICMPv6 (reference/pcap.md §2, §6).
///
/// Every read is bounds-checked: a frame cut by the snapshot length is decoded as far as it
/// goes and skipped (`snaplen_cut`) only when the fields that identify it are missing.
/// Checksums are never looked at (offload makes them wrong in captures, DESIGN.md §5).
struct PacketDecoder {
    /// What became of one frame.
    enum Result {
        case packet(DecodedPacket)
        case skipped(SkipReason)
        case failed(String)
    }

    let link: LinkLayer
    /// UDP destination ports that carry VXLAN.
    let vxlanPorts: Set<UInt16>
    /// UDP destination ports that carry Geneve.
    let genevePorts: Set<UInt16>
    /// UDP ports of WireGuard (Calico IPv4/IPv6, Cilium).
    static let wireGuardPorts: Set<UInt16> = [51820, 51821, 51871]
    /// How many encapsulations deep the decoder looks.
    static let maxDepth = 4

    init(link: LinkLayer, vxlanPorts: Set<UInt16> = [4789, 8472], genevePorts: Set<UInt16> = [6081]) {
        self.link = link
        self.vxlanPorts = vxlanPorts
        self.genevePorts = genevePorts
    }

    /// Decodes one captured frame.
    func decode(_ raw: UnsafeRawBufferPointer) -> Result {
        let bytes = PacketBytes(raw: raw)
        switch link {
        case .ethernet: return ethernet(bytes, at: 0, depth: 0, tunnel: nil)
        case .linuxSLL:
            guard let type = bytes.u16(14) else { return .skipped(.snaplenCut) }
            return network(bytes, etherType: type, at: 16, depth: 0, tunnel: nil)
        case .linuxSLL2:
            guard bytes.has(0, 20), let type = bytes.u16(0) else { return .skipped(.snaplenCut) }
            return network(bytes, etherType: type, at: 20, depth: 0, tunnel: nil)
        case .rawIP: return versioned(bytes, at: 0, depth: 0, tunnel: nil)
        case .ipv4: return ipv4(bytes, at: 0, depth: 0, tunnel: nil)
        case .ipv6: return ipv6(bytes, at: 0, depth: 0, tunnel: nil)
        }
    }

    /// An Ethernet header at `offset`, with 802.1Q (0x8100), 802.1ad (0x88A8) or old QinQ
    /// (0x9100) tags.
    func ethernet(_ bytes: PacketBytes, at offset: Int, depth: Int, tunnel: Tunnel?) -> Result {
        var position = offset + 12
        guard var type = bytes.u16(position) else { return .skipped(.snaplenCut) }
        var tags = 0
        while type == 0x8100 || type == 0x88A8 || type == 0x9100 {
            tags += 1
            guard tags <= 8 else { return .failed("more than 8 VLAN tags") }
            position += 4
            guard let next = bytes.u16(position) else { return .skipped(.snaplenCut) }
            type = next
        }
        return network(bytes, etherType: type, at: position + 2, depth: depth, tunnel: tunnel)
    }

    /// The network layer named by an EtherType.
    func network(_ bytes: PacketBytes, etherType: UInt16, at offset: Int, depth: Int, tunnel: Tunnel?) -> Result {
        switch etherType {
        case 0x0800: return ipv4(bytes, at: offset, depth: depth, tunnel: tunnel)
        case 0x86DD: return ipv6(bytes, at: offset, depth: depth, tunnel: tunnel)
        default: return .skipped(.notIP)
        }
    }

    /// An IP header whose version is in its first nibble (raw IP link types).
    func versioned(_ bytes: PacketBytes, at offset: Int, depth: Int, tunnel: Tunnel?) -> Result {
        guard let first = bytes.u8(offset) else { return .skipped(.snaplenCut) }
        switch first >> 4 {
        case 4: return ipv4(bytes, at: offset, depth: depth, tunnel: tunnel)
        case 6: return ipv6(bytes, at: offset, depth: depth, tunnel: tunnel)
        default: return .skipped(.notIP)
        }
    }
}
