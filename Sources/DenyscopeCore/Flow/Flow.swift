/// One flow record from any input format, normalized: who talked to whom, how, and what the
/// record itself says happened to it.
///
/// A `Flow` is data only. The matcher groups flows by connection and compares `observed` with
/// the engine's decision; `denyscope flows` prints one normalized object per flow. Fields the
/// input did not carry are `nil` (or empty), never guessed.
public struct Flow: Hashable, Sendable {
    /// Capture time in nanoseconds since the Unix epoch (UTC), when the record has one.
    public var time: Int64?
    /// The side that sent the packet (for a reply, the server).
    public var source: Endpoint
    /// The side the packet was sent to.
    public var destination: Endpoint
    /// Per-side details beyond the contract's endpoint: identity, DNS names, namespace labels.
    public var sourcePeer: FlowPeer {
        get { sourcePeerDetails ?? .none }
        set { sourcePeerDetails = newValue == .none ? nil : newValue }
    }
    /// Per-side details of the destination.
    public var destinationPeer: FlowPeer {
        get { destinationPeerDetails ?? .none }
        set { destinationPeerDetails = newValue == .none ? nil : newValue }
    }
    @OutOfLine private var sourcePeerDetails: FlowPeer?
    @OutOfLine private var destinationPeerDetails: FlowPeer?

    /// Sets both peers to boxes that records share (a parser keeps one per endpoint it has
    /// seen); a box holding `nil` stands for `FlowPeer.none`.
    public mutating func sharePeers(source: OutOfLine<FlowPeer>, destination: OutOfLine<FlowPeer>) {
        $sourcePeerDetails = source
        $destinationPeerDetails = destination
    }
    /// The transport protocol; `nil` when the record has no L4 header or one policies cannot name
    /// (VRRP, IGMP, ARP, fragments).
    public var ipProtocol: IPProtocol?
    /// TCP, UDP, SCTP source port.
    public var sourcePort: UInt16?
    /// TCP, UDP, SCTP destination port.
    public var destinationPort: UInt16?
    /// ICMP or ICMPv6 type (an echo reply is type 0, written as `{}` by Hubble).
    public var icmpType: UInt8?
    /// ICMP or ICMPv6 code.
    public var icmpCode: UInt8?
    /// TCP flags set on the packet (empty for other protocols).
    public var tcpFlags: TCPFlags
    /// The side at which the record's verdict was taken: ingress at the destination, egress at
    /// the source. Reliable on Hubble policy-verdict events, a heuristic on drop events.
    public var direction: Direction?
    /// Whether the packet is a reply of an established connection; `nil` when the producer does
    /// not know (Hubble drop events).
    public var isReply: Bool?
    /// The outer encapsulation the packet arrived in (`VXLAN`, `GENEVE`), when the record says so.
    public var tunnel: String?
    /// The L7 request or response, for records of an L7 proxy.
    @OutOfLine public var l7: FlowL7?
    /// What the record says happened: verdict, drop reason, attributed policies.
    public var observed: Observed
    /// The event that produced the record.
    public var event: FlowEvent
    /// The node that observed the flow (Hubble `node_name`, `cluster/node` or `node`).
    public var node: String?
    /// How many connection attempts this record stands for: 1 for a new attempt, 0 for a record
    /// that repeats one already counted (the drop event after its policy-verdict event, a TCP
    /// retransmission, a reply). Summing it over a group gives the contract's `count`.
    public var attempts: Int
    /// Where the record was read.
    public var location: InputLocation

    public init(
        time: Int64? = nil, source: Endpoint, destination: Endpoint, ipProtocol: IPProtocol? = nil, sourcePort: UInt16? = nil,
        destinationPort: UInt16? = nil, icmpType: UInt8? = nil, icmpCode: UInt8? = nil, tcpFlags: TCPFlags = [],
        direction: Direction? = nil, isReply: Bool? = nil, tunnel: String? = nil, l7: FlowL7? = nil,
        observed: Observed = Observed(), event: FlowEvent = FlowEvent(kind: .unknown), node: String? = nil,
        attempts: Int = 1, location: InputLocation
    ) {
        self.time = time
        self.source = source
        self.destination = destination
        self.sourcePeerDetails = nil
        self.destinationPeerDetails = nil
        self.ipProtocol = ipProtocol
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
        self.icmpType = icmpType
        self.icmpCode = icmpCode
        self.tcpFlags = tcpFlags
        self.direction = direction
        self.isReply = isReply
        self.tunnel = tunnel
        self.l7 = l7
        self.observed = observed
        self.event = event
        self.node = node
        self.attempts = attempts
        self.location = location
    }
}

extension Flow {
    /// The record's own account of its fate: the contract's `observed` object
    /// (`{verdict, reason, policies}`, DESIGN.md §4).
    public struct Observed: Hashable, Sendable {
        /// The verdict as recorded.
        public var verdict: ObservedVerdict
        /// The drop reason, for dropped records that give one.
        public var dropReason: DropReason?
        /// The policy denial the record reports; `nil` for allowed records and for drops that are
        /// not policy drops (see `isNonPolicyDrop`).
        public var denial: PolicyDenial?
        /// The policies the record names (`*_allowed_by`, `*_denied_by`), in the record's order.
        public var policies: [ObservedPolicy]
        /// For a packet-log line, the rule that wrote it as far as the line's prefix says; a `Log`
        /// rule is no verdict, so it is kept apart from `policies`.
        @OutOfLine public var logRule: PacketLogRule? = nil
        /// For packet captures, which carry no verdict: the outcome read from the exchange, with how
        /// strong a reading it is. `nil` for every other input.
        public var inferred: InferredOutcome? = nil

        public init(
            verdict: ObservedVerdict = .unknown, dropReason: DropReason? = nil, denial: PolicyDenial? = nil,
            policies: [ObservedPolicy] = []
        ) {
            self.verdict = verdict
            self.dropReason = dropReason
            self.denial = denial
            self.policies = policies
        }

        /// Dropped by policy, or (`AUDIT`) would have been.
        public var isPolicyDenial: Bool { denial != nil }

        /// Dropped for a reason that is not a policy's (invalid packet, stale IP, …): the
        /// contract's `not-a-policy-drop`.
        /// A silent drop inferred from a capture is not counted here: it may well be a policy's.
        public var isNonPolicyDrop: Bool { verdict == .dropped && denial == nil && inferred?.kind != .silentlyDropped }

        /// The contract's `observed.reason`: the denial kind, `not-a-policy-drop`, or `nil` for
        /// records that passed or carry no verdict.
        public var reason: String? {
            if let denial { return denial.rawValue }
            if isNonPolicyDrop { return "not-a-policy-drop" }
            return verdict.passed ? nil : inferred?.kind.rawValue
        }
    }
}
