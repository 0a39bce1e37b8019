import DenyscopeCore

/// What a triage group has in common: who talked to whom on what, and how it was decided.
public struct GroupKey: Hashable, Sendable {
    /// The source workload (`shop/web (Deployment)`), pod, or address.
    public let source: String
    public let destination: String
    public let `protocol`: IPProtocol?
    /// The destination port, or the ICMP type.
    public let port: UInt16?
    public let decision: Decision
    public let agreement: Agreement
}

/// Connection attempts that share a `GroupKey`, with when they were seen and where.
public struct FlowGroup: Sendable {
    public let key: GroupKey
    /// One representative endpoint of each side (the first seen).
    public let sourceEndpoint: Endpoint
    public let destinationEndpoint: Endpoint
    /// The ICMP code of the representative connection (the type is the key's port).
    public let icmpCode: UInt8?
    /// Rules that failed on exactly one constraint, for denied groups; filled by `explained`.
    public internal(set) var nearMisses: [NearMiss] = []
    /// Connection attempts: a record's `attempts`, summed.
    public internal(set) var count: Int
    public internal(set) var firstSeen: Int64?
    public internal(set) var lastSeen: Int64?
    /// The records' own verdicts and attributions, de-duplicated (at most `observedLimit`, the
    /// first in a fixed order, so that the result does not depend on the order records arrive in).
    public internal(set) var observed: [ObservedSummary]
    /// The `exampleLimit` earliest origins (`file:line` or `file#packet`), in order.
    public internal(set) var examples: [InputLocation]
    /// How the policies the records name as denying them compare with the engine's: `differs` as
    /// soon as one record names another policy; `nil` while no record names one.
    public internal(set) var attribution: Attribution? = nil

    public static let exampleLimit = 3
    public static let observedLimit = 8

    mutating func add(_ flow: Flow) {
        if let named = Attribution(observed: flow.observed, decision: key.decision), attribution != .differs { attribution = named }
        count += flow.attempts
        if let time = flow.time {
            firstSeen = min(firstSeen ?? time, time)
            lastSeen = max(lastSeen ?? time, time)
        }
        keep(ObservedSummary(flow.observed))
        keep(example: flow.location)
    }

    mutating func merge(_ other: FlowGroup) {
        if let named = other.attribution, attribution != .differs { attribution = named }
        count += other.count
        if let time = other.firstSeen { firstSeen = min(firstSeen ?? time, time) }
        if let time = other.lastSeen { lastSeen = max(lastSeen ?? time, time) }
        for summary in other.observed { keep(summary) }
        for example in other.examples { keep(example: example) }
    }

    private mutating func keep(_ summary: ObservedSummary) {
        guard !observed.contains(summary) else { return }
        observed.append(summary)
        observed.sort { $0.orderKey < $1.orderKey }
        if observed.count > Self.observedLimit { observed.removeLast() }
    }

    private mutating func keep(example: InputLocation) {
        func key(_ location: InputLocation) -> (String, Int, Int) { (location.file, location.line ?? 0, location.packet ?? 0) }
        guard examples.count < Self.exampleLimit || key(example) < key(examples[examples.count - 1]) else { return }
        let position = examples.firstIndex { key(example) < key($0) } ?? examples.count
        examples.insert(example, at: position)
        if examples.count > Self.exampleLimit { examples.removeLast() }
    }
}

/// A record's own verdict: `{verdict, reason, policies}` of the triage contract.
public struct ObservedSummary: Hashable, Sendable {
    public let verdict: ObservedVerdict
    public let reason: String?
    public let policies: [ObservedPolicy]

    init(_ observed: Flow.Observed) {
        verdict = observed.verdict
        reason = observed.reason
        policies = observed.policies
    }

    /// A fixed order: verdict, reason, then the named policies.
    var orderKey: String {
        "\(verdict.rawValue)|\(reason ?? "")|" + policies.map { "\($0.namespace ?? "")/\($0.name)" }.joined(separator: ",")
    }
}
