/// The TCP flags set on a packet (only the set ones appear in records).
public struct TCPFlags: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt16

    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let fin = TCPFlags(rawValue: 1 << 0)
    public static let syn = TCPFlags(rawValue: 1 << 1)
    public static let rst = TCPFlags(rawValue: 1 << 2)
    public static let psh = TCPFlags(rawValue: 1 << 3)
    public static let ack = TCPFlags(rawValue: 1 << 4)
    public static let urg = TCPFlags(rawValue: 1 << 5)
    public static let ece = TCPFlags(rawValue: 1 << 6)
    public static let cwr = TCPFlags(rawValue: 1 << 7)
    public static let ns = TCPFlags(rawValue: 1 << 8)

    /// Flag names in header order, as Hubble and tcpdump spell them.
    public static let names: [(name: String, flag: TCPFlags)] = [
        ("FIN", .fin), ("SYN", .syn), ("RST", .rst), ("PSH", .psh), ("ACK", .ack),
        ("URG", .urg), ("ECE", .ece), ("CWR", .cwr), ("NS", .ns),
    ]

    /// The flag with an upper-case name (`SYN`), if there is one.
    public init?(name: String) {
        guard let match = Self.names.first(where: { $0.name == name }) else { return nil }
        self = match.flag
    }

    /// A SYN without ACK: the first packet of a TCP connection attempt.
    public var isConnectionAttempt: Bool { contains(.syn) && !contains(.ack) }

    /// `SYN, ACK`, or empty.
    public var description: String {
        Self.names.filter { contains($0.flag) }.map(\.name).joined(separator: ", ")
    }
}
