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
    /// Connection attempts: a record's `attempts`, summed.
    public internal(set) var count: Int
    public internal(set) var firstSeen: Int64?
    public internal(set) var lastSeen: Int64?
    /// The records' own verdicts and attributions, de-duplicated.
    public internal(set) var observed: [ObservedSummary]
    /// Up to `exampleLimit` origins (`file:line` or `file#packet`).
    public internal(set) var examples: [InputLocation]
    /// How the policies the records name as denying them compare with the engine's: `differs` as
    /// soon as one record names another policy; `nil` while no record names one.
    public internal(set) var attribution: Attribution? = nil

    public static let exampleLimit = 3

    mutating func add(_ flow: Flow) {
        if let named = Attribution(observed: flow.observed, decision: key.decision), attribution != .differs { attribution = named }
        count += flow.attempts
        if let time = flow.time {
            firstSeen = min(firstSeen ?? time, time)
            lastSeen = max(lastSeen ?? time, time)
        }
        let summary = ObservedSummary(flow.observed)
        if !observed.contains(summary), observed.count < 8 { observed.append(summary) }
        if examples.count < Self.exampleLimit { examples.append(flow.location) }
    }

    mutating func merge(_ other: FlowGroup) {
        if let named = other.attribution, attribution != .differs { attribution = named }
        count += other.count
        if let time = other.firstSeen { firstSeen = min(firstSeen ?? time, time) }
        if let time = other.lastSeen { lastSeen = max(lastSeen ?? time, time) }
        for summary in other.observed where !observed.contains(summary) && observed.count < 8 { observed.append(summary) }
        for example in other.examples where examples.count < Self.exampleLimit { examples.append(example) }
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
}
