/// The engine's answer for one connection: the verdict, why on each side, and what almost matched.
public struct Decision: Hashable, Sendable {
    /// `allowed` only when both sides allow.
    public let verdict: Verdict
    /// The source's egress.
    public let egress: SideDecision
    /// The destination's ingress.
    public let ingress: SideDecision
    /// Rules of the denying side's policies that failed on exactly one constraint.
    public let nearMisses: [NearMiss]

    public init(egress: SideDecision, ingress: SideDecision, nearMisses: [NearMiss]) {
        self.verdict = egress.verdict == .allowed && ingress.verdict == .allowed ? .allowed : .denied
        self.egress = egress
        self.ingress = ingress
        self.nearMisses = nearMisses
    }

    /// The side(s) that denied: `[.egress]`, `[.ingress]`, both, or none when allowed.
    public var denyingSides: [Direction] {
        [egress, ingress].filter { $0.verdict == .denied }.map(\.direction)
    }

    /// Hashes the sides only: the verdict follows from them, and near misses (computed for few
    /// decisions) hardly tell apart decisions whose sides are equal. Equality compares everything.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(egress)
        hasher.combine(ingress)
    }
}

/// Why one side (egress at the source or ingress at the destination) allowed or denied.
public struct SideDecision: Hashable, Sendable {
    public enum Reason: String, Hashable, Sendable {
        /// No policy selects the endpoint in this direction.
        case notIsolated = "not-isolated"
        /// A rule matched; `policies` lists every matching rule.
        case allowedBy = "allowed-by"
        /// Policies isolate the endpoint and none of their rules matched; `policies` lists all of them.
        case defaultDeny = "default-deny"
        /// A deny rule matched.
        case explicitDeny = "explicit-deny"
        /// A Calico tier selected the endpoint and none of its policies decided.
        case endOfTier = "end-of-tier"
        /// A staged policy would deny; nothing enforces it yet.
        case staged
    }

    public let direction: Direction
    public let verdict: Verdict
    public let reason: Reason
    /// Sorted, so that the result does not depend on the order policies were loaded in.
    public let policies: [PolicyReference]
    /// The deciding Calico tier, for `end-of-tier`.
    public let tier: String?
    /// A rule of the dialect that decided without a policy, e.g. that a pod's own node may always
    /// reach it.
    public let note: String?
    /// Under `default-deny`, the isolating policies that have no rule at all in this direction: the
    /// deny-all policies, which no change of peer or port can satisfy.
    public let policiesWithoutRules: [PolicyReference]

    public init(
        direction: Direction, verdict: Verdict, reason: Reason, policies: [PolicyReference] = [], tier: String? = nil,
        note: String? = nil, policiesWithoutRules: [PolicyReference] = []
    ) {
        // Most sides name one policy or none: sorting would copy the array for nothing.
        self.init(
            direction: direction, verdict: verdict, reason: reason, sortedPolicies: policies.count > 1 ? policies.sorted() : policies,
            tier: tier, note: note,
            sortedPoliciesWithoutRules: policiesWithoutRules.count > 1 ? policiesWithoutRules.sorted() : policiesWithoutRules)
    }

    /// For lists that come sorted: the engine ranks its policies once per snapshot, and sorting
    /// the dozens of policies of a default deny on every evaluation took a tenth of a run.
    package init(
        direction: Direction, verdict: Verdict, reason: Reason, sortedPolicies: [PolicyReference], tier: String? = nil,
        note: String? = nil, sortedPoliciesWithoutRules: [PolicyReference] = []
    ) {
        assert(Self.isSorted(sortedPolicies) && Self.isSorted(sortedPoliciesWithoutRules), "policies of a side out of order")
        self.direction = direction
        self.verdict = verdict
        self.reason = reason
        self.policies = sortedPolicies
        self.tier = tier
        self.note = note
        self.policiesWithoutRules = sortedPoliciesWithoutRules
    }

    private static func isSorted(_ policies: [PolicyReference]) -> Bool {
        zip(policies, policies.dropFirst()).allSatisfy { !($1 < $0) }
    }

    /// Hashes what tells sides apart in practice (direction, verdict, reason, and the namespace,
    /// name and rule of each policy), not every field: a decision cache hashes a decision per
    /// evaluation, and hashing each policy's kind, tier and section besides was most of that cost.
    /// Equality compares every field.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(direction)
        hasher.combine(verdict)
        hasher.combine(reason)
        hasher.combine(policies.count)
        for policy in policies {
            hasher.combine(policy.namespace)
            hasher.combine(policy.name)
            hasher.combine(policy.rule)
        }
    }
}

/// A rule that would have allowed the connection but for one constraint.
public struct NearMiss: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// What did not match.
    public enum Constraint: String, Hashable, Sendable, Comparable {
        /// A pod label required by the rule's pod selector.
        case podLabel
        /// The peer's namespace: the policy's own (pod selector alone) or the namespace selector's.
        case namespace
        /// The rule's IP block.
        case ipBlock
        /// The port (number, range or named port).
        case port
        /// The protocol of an otherwise matching port.
        case `protocol`
        /// The peer kind: the rule selects pods, the peer is a host or an external address.
        case peerKind

        public static func < (lhs: Constraint, rhs: Constraint) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The policy with the index of the rule that almost matched.
    public let policy: PolicyReference
    public let direction: Direction
    public let constraint: Constraint
    /// What the rule asks for, e.g. `app=web`, `[80, 443]`, `namespace shop`.
    public let expected: String
    /// What the connection had, e.g. `app=webapp`, `8080`, `namespace marketing`.
    public let actual: String

    public init(policy: PolicyReference, direction: Direction, constraint: Constraint, expected: String, actual: String) {
        self.policy = policy
        self.direction = direction
        self.constraint = constraint
        self.expected = expected
        self.actual = actual
    }

    /// `rule 0 of NetworkPolicy shop/allow-frontend (ingress): podLabel: expected app=web, got app=webapp`.
    public var description: String {
        "\(policy) (\(direction.rawValue)): \(constraint.rawValue): expected \(expected), got \(actual)"
    }

    public static func < (lhs: NearMiss, rhs: NearMiss) -> Bool {
        (lhs.direction, lhs.policy, lhs.constraint, lhs.expected, lhs.actual)
            < (rhs.direction, rhs.policy, rhs.constraint, rhs.expected, rhs.actual)
    }
}
