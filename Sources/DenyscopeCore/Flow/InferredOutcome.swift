/// What a packet capture shows happened to a connection attempt, inferred from the packets that
/// came back (or did not): DESIGN.md §5, reference/pcap.md §1.
///
/// A capture never carries a verdict of its own. Only an ICMP "administratively prohibited"
/// reply is a data path saying "policy"; everything else is read from the shape of the exchange
/// and says how strong that reading is (`strength`).
public struct InferredOutcome: Hashable, Sendable, CustomStringConvertible {
    /// The class of exchange seen on the wire.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// The handshake completed, or the responder answered (SYN-ACK, UDP or echo reply).
        case established
        /// The probe was repeated (SYN retransmitted with the same ISN, datagram or echo request
        /// sent again) and nothing came back within the capture: Zeek `S0`. Strong evidence of a
        /// silent policy drop, but inferred: a black-holed route looks the same.
        case silentlyDropped = "silently-dropped"
        /// An ICMP 3/9, 3/10, 3/13 or ICMPv6 1/1, 1/5, 1/6 quoting the probe came back: a policy
        /// (iptables `REJECT`, Cilium `policy-deny-response: icmp`) refused it.
        case rejectedByPolicy = "rejected-by-policy"
        /// A RST answered the SYN, or an ICMP port unreachable (3/3, ICMPv6 1/4) the datagram: a
        /// closed port or a `REJECT --reject-with tcp-reset`; not proof of a policy either way.
        case refused
        /// ICMP host or network unreachable (3/0, 3/1, ICMPv6 1/0, 1/3): no such host; not policy.
        case unreachable
        /// One probe and nothing back: a dropped packet or a one-way protocol. Weak evidence.
        case unanswered
    }

    /// How much an outcome says about a policy.
    public enum Strength: String, Hashable, Sendable {
        /// The data path said so (ICMP administratively prohibited).
        case observed
        /// Read from the absence of a reply after retries.
        case inferred
        /// Compatible with a policy but also with ordinary causes.
        case weak
        /// Says the traffic was not stopped by a policy.
        case notPolicy = "not-policy"
    }

    public var kind: Kind
    /// Packets the originator sent before the outcome was known (SYN and its retransmissions,
    /// datagrams, echo requests), copies seen on several interfaces counted once.
    public var probes: Int
    /// Packets the responder (or a router, for ICMP errors) sent back.
    public var replies: Int
    /// The ICMP or ICMPv6 error type that decided the outcome, if one did.
    public var icmpType: UInt8?
    /// The ICMP or ICMPv6 error code that decided the outcome.
    public var icmpCode: UInt8?

    public init(kind: Kind, probes: Int = 1, replies: Int = 0, icmpType: UInt8? = nil, icmpCode: UInt8? = nil) {
        self.kind = kind
        self.probes = probes
        self.replies = replies
        self.icmpType = icmpType
        self.icmpCode = icmpCode
    }

    /// How much this outcome says about a policy.
    public var strength: Strength {
        switch kind {
        case .rejectedByPolicy: return .observed
        case .silentlyDropped: return .inferred
        case .refused, .unanswered: return .weak
        case .established, .unreachable: return .notPolicy
        }
    }

    /// `silently-dropped (4 probes)`, `rejected-by-policy (ICMP 3/13)`.
    public var description: String {
        if let icmpType, let icmpCode { return "\(kind.rawValue) (ICMP \(icmpType)/\(icmpCode))" }
        return "\(kind.rawValue) (\(probes) probe\(probes == 1 ? "" : "s"))"
    }
}
