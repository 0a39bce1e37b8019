/// The transport protocols a policy can name, plus ICMP for queries and records.
public enum IPProtocol: String, Hashable, Sendable, CaseIterable, Comparable {
    case tcp = "TCP"
    case udp = "UDP"
    case sctp = "SCTP"
    case icmp = "ICMP"
    case icmpv6 = "ICMPv6"

    /// Parses a protocol name case-insensitively (`tcp`, `TCP`, `icmpv6`).
    public init?(name: some StringProtocol) {
        let upper = name.uppercased()
        guard let match = Self.allCases.first(where: { $0.rawValue.uppercased() == upper }) else { return nil }
        self = match
    }

    /// The IANA protocol number: TCP 6, UDP 17, SCTP 132, ICMP 1, ICMPv6 58.
    public var number: UInt8 {
        switch self {
        case .tcp: return 6
        case .udp: return 17
        case .sctp: return 132
        case .icmp: return 1
        case .icmpv6: return 58
        }
    }

    /// The protocol of an IANA number, when it is one of these.
    public init?(number: UInt8) {
        switch number {
        case 6: self = .tcp
        case 17: self = .udp
        case 132: self = .sctp
        case 1: self = .icmp
        case 58: self = .icmpv6
        default: return nil
        }
    }

    /// Whether connections of this protocol have ports (TCP, UDP, SCTP).
    public var hasPorts: Bool {
        switch self {
        case .tcp, .udp, .sctp: return true
        case .icmp, .icmpv6: return false
        }
    }

    public static func < (lhs: IPProtocol, rhs: IPProtocol) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
