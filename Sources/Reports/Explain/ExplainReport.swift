import DenyscopeCore
import PolicyEngine

/// The `explain --output json` object of DESIGN.md §4, built from a decision.
///
/// Fields beyond the contract (`source`, `destination`, `direction` of a near miss, a side's
/// `note`) are additions; none of the contract's fields change meaning.
public struct ExplainReport: Codable, Hashable, Sendable {
    public let from: String
    public let to: String
    public let source: EndpointReport
    public let destination: EndpointReport
    public let `protocol`: String
    public let port: Int?
    public let icmpType: Int?
    public let icmpCode: Int?
    public let verdict: String
    public let egress: SideReport
    public let ingress: SideReport
    public let nearMisses: [NearMissReport]

    /// - Parameters:
    ///   - from: the source as the user named it.
    ///   - to: the destination as the user named it.
    public init(from: String, to: String, connection: Connection, decision: Decision) {
        self.from = from
        self.to = to
        self.source = EndpointReport(connection.source.endpoint)
        self.destination = EndpointReport(connection.destination.endpoint)
        self.protocol = connection.protocol.rawValue
        self.port = connection.port.map(Int.init)
        self.icmpType = connection.icmpType.map(Int.init)
        self.icmpCode = connection.icmpCode.map(Int.init)
        self.verdict = decision.verdict.rawValue
        self.egress = SideReport(decision.egress)
        self.ingress = SideReport(decision.ingress)
        self.nearMisses = decision.nearMisses.map(NearMissReport.init)
    }
}

/// An endpoint: `{kind, namespace, pod, workload:{kind, name}, ip, labels}`, unknown fields absent.
public struct EndpointReport: Codable, Hashable, Sendable {
    public struct Workload: Codable, Hashable, Sendable {
        public let kind: String
        public let name: String
    }

    public let kind: String
    public let namespace: String?
    public let pod: String?
    public let workload: Workload?
    public let ip: String?
    public let labels: [String: String]?

    public init(_ endpoint: Endpoint) {
        kind = endpoint.kind.rawValue
        namespace = endpoint.namespace
        pod = endpoint.pod
        workload = endpoint.workload.map { Workload(kind: $0.kind, name: $0.name) }
        ip = endpoint.ip?.description
        labels = endpoint.labels?.values
    }
}

/// One side: `{verdict, reason, policies:[…]}`, plus `tier` for end-of-tier, an optional `note`,
/// and under default deny the isolating policies that have no rule in this direction.
public struct SideReport: Codable, Hashable, Sendable {
    public let verdict: String
    public let reason: String
    public let policies: [PolicyReport]
    public let tier: String?
    public let note: String?
    public let policiesWithoutRules: [PolicyReport]?

    public init(_ side: SideDecision) {
        verdict = side.verdict.rawValue
        reason = side.reason.rawValue
        policies = side.policies.map(PolicyReport.init)
        tier = side.tier
        note = side.note
        policiesWithoutRules = side.policiesWithoutRules.isEmpty ? nil : side.policiesWithoutRules.map(PolicyReport.init)
    }
}

/// `{kind, namespace, name, rule}` (and `tier` for Calico), absent fields omitted.
public struct PolicyReport: Codable, Hashable, Sendable {
    public let kind: String
    public let namespace: String?
    public let name: String
    public let tier: String?
    public let rule: Int?

    public init(_ reference: PolicyReference) {
        kind = reference.kind.rawValue
        namespace = reference.namespace
        name = reference.name
        tier = reference.tier
        rule = reference.rule
    }
}

/// `{policy, direction, constraint, expected, actual}`.
public struct NearMissReport: Codable, Hashable, Sendable {
    public let policy: PolicyReport
    public let direction: String
    public let constraint: String
    public let expected: String
    public let actual: String

    public init(_ nearMiss: NearMiss) {
        policy = PolicyReport(nearMiss.policy)
        direction = nearMiss.direction.rawValue
        constraint = nearMiss.constraint.rawValue
        expected = nearMiss.expected
        actual = nearMiss.actual
    }
}
