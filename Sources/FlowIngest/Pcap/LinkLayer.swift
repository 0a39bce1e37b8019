import CPcap

/// The link-layer framings the decoder reads, from `pcap_datalink()` (reference/pcap.md §2).
enum LinkLayer: Equatable {
    /// DLT_EN10MB (1): Ethernet, with any number of 802.1Q / 802.1ad tags.
    case ethernet
    /// DLT_LINUX_SLL (113): `tcpdump -i any` cooked header v1, 16 bytes.
    case linuxSLL
    /// DLT_LINUX_SLL2 (276): cooked header v2, 20 bytes with the interface index.
    case linuxSLL2
    /// DLT_RAW (12 on Linux, 14 on OpenBSD, LINKTYPE 101): bare IPv4 or IPv6.
    case rawIP
    /// DLT_IPV4 (228).
    case ipv4
    /// DLT_IPV6 (229).
    case ipv6

    /// The framing for a `pcap_datalink()` value, or `nil` for one the decoder does not read.
    init?(dlt: Int32) {
        switch dlt {
        case DLT_EN10MB: self = .ethernet
        case DLT_LINUX_SLL: self = .linuxSLL
        case 276: self = .linuxSLL2
        case DLT_RAW, 12, 14, 101: self = .rawIP
        case 228: self = .ipv4
        case 229: self = .ipv6
        default: return nil
        }
    }

    /// The names of the link types read, for error messages.
    static let supportedNames = "EN10MB, LINUX_SLL, LINUX_SLL2, RAW, IPV4, IPV6"
}
