/// How captures are decoded and tracked.
public struct PcapOptions: Sendable, Hashable {
    /// A BPF expression (`--filter`), compiled by libpcap; `nil` reads every packet.
    public var filter: String?
    /// UDP destination ports decapsulated as VXLAN (IANA 4789, Linux/Flannel/Cilium 8472).
    public var vxlanPorts: Set<UInt16>
    /// UDP destination ports decapsulated as Geneve.
    public var genevePorts: Set<UInt16>
    /// Nanoseconds within which equal packets are copies from different interfaces; 0 keeps
    /// every copy.
    public var duplicateWindow: Int64
    /// Nanoseconds after its last packet a connection attempt is finished (bounds memory). SYN
    /// retries span about 2 minutes on Linux.
    public var idleTimeout: Int64

    public init(
        filter: String? = nil, vxlanPorts: Set<UInt16> = [4789, 8472], genevePorts: Set<UInt16> = [6081],
        duplicateWindow: Int64 = 10_000_000, idleTimeout: Int64 = 300 * 1_000_000_000
    ) {
        self.filter = filter
        self.vxlanPorts = vxlanPorts
        self.genevePorts = genevePorts
        self.duplicateWindow = duplicateWindow
        self.idleTimeout = idleTimeout
    }
}
