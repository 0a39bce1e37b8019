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
    public let count: Int
    public let firstSeen: Int64?
    public let lastSeen: Int64?
    /// The records' own verdicts and attributions, de-duplicated (at most `observedLimit`, the
    /// first in a fixed order, so that the result does not depend on the order records arrive in).
    public let observed: [ObservedSummary]
    /// The `exampleLimit` earliest origins (`file:line` or `file#packet`), in order.
    public let examples: [InputLocation]
    /// How the policies the records name as denying them compare with the engine's: `differs` as
    /// soon as one record names another policy; `nil` while no record names one.
    public let attribution: Attribution?

    public static let exampleLimit = 3
    public static let observedLimit = 8
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
