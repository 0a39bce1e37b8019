import DenyscopeCore

/// One constraint of a rule that a connection failed, kept as raw values until it is reported.
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
}

/// Counts a rule's mismatches up to a limit, remembering the first, without allocating.
struct MismatchCounter {
    let limit: Int
    private(set) var count = 0
    private(set) var first: Mismatch?

    init(limit: Int) {
        self.limit = limit
    }

    var isFull: Bool { count >= limit }

    mutating func record(_ mismatch: @autoclosure () -> Mismatch) {
        if count == 0 { first = mismatch() }
        count += 1
    }
}
