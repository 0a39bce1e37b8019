extension SkipReason {
    // Packets of a capture that are read but do not belong to a connection attempt
    // (reference/pcap.md §6.6: every skipped packet is counted per reason).

    /// ARP, LLDP, STP and other frames that carry no IP packet.
    public static let notIP = SkipReason(code: "not_ip", explanation: "a frame that carries no IP packet (ARP, LLDP, …)")
    /// A packet cut (by the snapshot length) before the transport fields that identify it.
    public static let snaplenCut = SkipReason(
        code: "snaplen_cut", explanation: "a packet cut by the snapshot length before its transport header fields")
    /// A non-first IP fragment: no transport header to read.
    public static let ipFragment = SkipReason(code: "ip_fragment", explanation: "a non-first IP fragment")
    /// IGMP, GRE, ESP, OSPF, … : IP protocols whose packets form no trackable connection.
    public static let otherProtocol = SkipReason(
        code: "other_ip_protocol", explanation: "an IP protocol with no connections to track (IGMP, GRE, ESP, …)")
    /// ICMPv6 neighbour discovery, router discovery and multicast listener messages.
    public static let neighborDiscovery = SkipReason(
        code: "neighbor_discovery", explanation: "ICMPv6 neighbour/router discovery or a multicast listener message")
    /// ICMP messages that are neither echoes nor errors (timestamps, router adverts, …).
    public static let icmpOther = SkipReason(code: "icmp_other", explanation: "an ICMP message that is neither an echo nor an error")
    /// An ICMP error quoting a packet of no connection seen in the capture.
    public static let icmpErrorUnmatched = SkipReason(
        code: "icmp_error_unmatched", explanation: "an ICMP error quoting a packet of no tracked connection attempt")
    /// A mid-connection packet or a reply whose connection's first packet was not captured (Zeek `OTH`).
    public static let midstream = SkipReason(
        code: "midstream", explanation: "a packet of a connection whose first packet was not captured")
    /// WireGuard: encrypted, only node addresses visible.
    public static let encryptedTunnel = SkipReason(
        code: "encrypted_tunnel", explanation: "WireGuard traffic: encrypted, not analysable")
    /// A copy of a packet already seen on another interface (`-i any`, multi-interface pcapng).
    public static let duplicate = SkipReason(
        code: "duplicate", explanation: "a copy of a packet already counted, seen on another interface")
}
