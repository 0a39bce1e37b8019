import DenyscopeCore

/// One constraint of a rule (of any dialect) that a connection failed, kept as raw values until it is reported.
enum Mismatch: Sendable {
    /// The peer lacks a label value the rule's pod selector requires.
    case podLabel(LabelRequirement, actual: LabelSet)
    /// A pod selector without namespace selector selects only the policy's own namespace.
    case namespace(expected: String, actual: String)
    /// The peer's namespace fails a requirement of the rule's namespace selector.
    case namespaceLabel(LabelRequirement, namespace: String, actual: LabelSet)
    /// The rule selects pods; the peer is a host or an external address.
    case peerKind(expected: String, actual: Endpoint)
    /// The peer's address is outside the IP block, or inside one of its exceptions.
    case ipBlock(cidr: CIDR, except: [CIDR], actual: IPAddress?)
    /// No port entry covers the destination port.
    case port([NetworkPolicyPort], actual: UInt16?, destination: [ContainerPort])
    /// A port entry covers the port, but for another protocol.
    case `protocol`([NetworkPolicyPort], actual: IPProtocol, destination: [ContainerPort])
    /// Cilium: a selector requirement on a `source:key` label the peer lacks or has another value for.
    case ciliumLabel(LabelRequirement, actual: String?)
    /// Cilium: the rule names entities, CIDRs, services or DNS names the peer is not.
    case ciliumPeer(expected: String, actual: Endpoint)
    /// Cilium: no `toPorts` entry covers the connection's port.
    case ciliumPort([CiliumPort], actual: UInt16?, destination: [ContainerPort])
    /// Cilium: the rule's ports or ICMP types are for another protocol.
    case ciliumProtocol(expected: String, actual: IPProtocol)
    /// A constraint already described (Calico rules): what the rule wanted and what the connection had.
    case described(NearMiss.Constraint, expected: String, actual: String)
}

/// Counts a rule's mismatches up to a limit, remembering the first, without allocating.
struct MismatchCounter {
    let limit: Int
    /// Whether the first mismatch is built and kept: `false` when only whether a rule matches
    /// counts (a plain evaluation), so no description is formatted for the many rules that fail.
    let keepsFirst: Bool
    private(set) var count = 0
    private(set) var first: Mismatch?

    init(limit: Int, keepsFirst: Bool = true) {
        self.limit = limit
        self.keepsFirst = keepsFirst
    }

    /// A counter that only answers whether anything failed.
    static var matchOnly: MismatchCounter { MismatchCounter(limit: 1, keepsFirst: false) }

    var isFull: Bool { count >= limit }

    mutating func record(_ mismatch: @autoclosure () -> Mismatch) {
        if count == 0, keepsFirst { first = mismatch() }
        count += 1
    }

    /// Adds another counter's mismatches (one alternative that was tried on its own).
    mutating func absorb(_ other: MismatchCounter) {
        if count == 0 { first = other.first }
        count += other.count
    }
}
