import DenyscopeCore
import PolicyEngine

/// What a proposed policy set would change for one observed connection.
public enum AuditChange: String, Hashable, Sendable, Comparable {
    /// Allowed today, denied with the proposed policies: the rollout would break it.
    case wouldBreak = "would-break"
    /// Denied today, allowed with the proposed policies.
    case wouldAdmit = "would-admit"
    /// The record itself is audit evidence: a Cilium `AUDIT` verdict (policy audit mode), or a
    /// Calico pending (staged) policy that would deny — denied once enforced.
    case auditedByRecord = "audited-by-record"

    /// Breakage first, then what records already audit, then what would open up.
    public static func < (lhs: AuditChange, rhs: AuditChange) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int {
        switch self {
        case .wouldBreak: return 0
        case .auditedByRecord: return 1
        case .wouldAdmit: return 2
        }
    }
}

/// What an audit group has in common: the connection, the change, and the policies responsible
/// for the verdict after the change.
public struct AuditKey: Hashable, Sendable {
    public let source: String
    public let destination: String
    public let `protocol`: IPProtocol
    public let port: UInt16?
    public let change: AuditChange
    /// The deciding policies with the proposed set: those that deny (would break) or allow (would admit).
    public let responsible: [PolicyReference]
}

/// Observed connections whose verdict a proposed policy set would change.
public struct AuditGroup: Sendable {
    public let key: AuditKey
    public let sourceEndpoint: Endpoint
    public let destinationEndpoint: Endpoint
    public let before: Decision
    public let after: Decision
    public internal(set) var count = 0
    public internal(set) var firstSeen: Int64?
    public internal(set) var lastSeen: Int64?
    public internal(set) var examples: [InputLocation] = []
}

/// Evaluates every observed flow, allowed or denied, under the current policies and under the
/// current plus proposed policies (DESIGN.md §4 `audit`), keeping the flows whose verdict changes.
public struct AuditMatcher {
    private var current: DecisionCache
    private var proposed: DecisionCache
    private var index: [AuditKey: Int] = [:]
    public private(set) var groups: [AuditGroup] = []
    /// Connection attempts evaluated.
    public private(set) var attempts = 0

    public init(current: PolicyEngine, proposed: PolicyEngine) {
        self.current = DecisionCache(engine: current)
        self.proposed = DecisionCache(engine: proposed)
    }

    public mutating func add(_ flow: Flow) {
        guard let decidedBefore = current.decide(flow), let decidedAfter = proposed.decide(flow) else { return }
        let before = current.decision(decidedBefore.decisionID)
        let after = proposed.decision(decidedAfter.decisionID)
        attempts += flow.attempts
        let change: AuditChange
        let responsible: [PolicyReference]
        if flow.observed.verdict == .audit || flow.observed.policies.contains(where: { $0.isPending && $0.effect == .denied }) {
            change = .auditedByRecord
            responsible = Self.denying(after)
        } else if before.verdict == .allowed, after.verdict == .denied {
            change = .wouldBreak
            responsible = Self.denying(after)
        } else if before.verdict == .denied, after.verdict == .allowed {
            change = .wouldAdmit
            responsible = after.egress.policies + after.ingress.policies
        } else {
            return
        }
        let source = proposed.endpoint(decidedAfter.sourceID)
        let destination = proposed.endpoint(decidedAfter.destinationID)
        let key = AuditKey(
            source: FlowMatcher.groupName(source), destination: FlowMatcher.groupName(destination), protocol: decidedAfter.protocol,
            port: decidedAfter.port, change: change, responsible: responsible)
        let position: Int
        if let known = index[key] {
            position = known
        } else {
            position = groups.count
            index[key] = position
            groups.append(
                AuditGroup(key: key, sourceEndpoint: source, destinationEndpoint: destination, before: before, after: after))
        }
        groups[position].count += flow.attempts
        if let time = flow.time {
            groups[position].firstSeen = min(groups[position].firstSeen ?? time, time)
            groups[position].lastSeen = max(groups[position].lastSeen ?? time, time)
        }
        if groups[position].examples.count < FlowGroup.exampleLimit { groups[position].examples.append(flow.location) }
    }

    /// Groups by change (would break first), then most attempts first.
    public var sortedGroups: [AuditGroup] {
        groups.sorted { ($0.key.change, $1.count, $0.key.source) < ($1.key.change, $0.count, $1.key.source) }
    }

    /// Whether the proposed policies would break any observed connection.
    public var breaksSomething: Bool { groups.contains { $0.key.change == .wouldBreak } }

    private static func denying(_ decision: Decision) -> [PolicyReference] {
        [decision.egress, decision.ingress].filter { $0.verdict == .denied }.flatMap(\.policies)
    }
}
