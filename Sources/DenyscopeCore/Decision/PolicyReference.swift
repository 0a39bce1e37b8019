/// The dialect-specific kind of a policy, spelled as in the JSON contract (DESIGN.md §4).
public enum PolicyKind: String, Hashable, Sendable, CaseIterable {
    case networkPolicy = "NetworkPolicy"
    case ciliumNetworkPolicy = "CiliumNetworkPolicy"
    case ciliumClusterwideNetworkPolicy = "CiliumClusterwideNetworkPolicy"
    case calicoNetworkPolicy = "CalicoNetworkPolicy"
    case globalNetworkPolicy = "GlobalNetworkPolicy"
    case stagedNetworkPolicy = "StagedNetworkPolicy"
    case stagedGlobalNetworkPolicy = "StagedGlobalNetworkPolicy"
    case stagedKubernetesNetworkPolicy = "StagedKubernetesNetworkPolicy"
    case profile = "Profile"
}

/// Names a policy, and optionally one rule of it, in a decision or near miss.
public struct PolicyReference: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let kind: PolicyKind
    /// `nil` for cluster-wide kinds.
    public let namespace: String?
    public let name: String
    /// The Calico tier, for Calico kinds.
    public let tier: String?
    /// The 0-based index of the rule in its list as written (`ingress`, `egress`, …); `nil` when the
    /// reference is to the policy as a whole (for example an isolating policy under default deny).
    public let rule: Int?
    /// The list `rule` indexes when it is not plainly the direction's: `ingressDeny`, `egressDeny`.
    public let section: String?
    /// The index in `specs` of a Cilium policy written with `specs` rather than `spec`.
    public let spec: Int?

    public init(
        kind: PolicyKind, namespace: String?, name: String, tier: String? = nil, rule: Int? = nil, section: String? = nil,
        spec: Int? = nil
    ) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.tier = tier
        self.rule = rule
        self.section = section
        self.spec = spec
    }

    /// The same policy with a rule index (and the list it indexes, when not plainly the direction's).
    public func rule(_ index: Int?, section: String? = nil) -> PolicyReference {
        PolicyReference(kind: kind, namespace: namespace, name: name, tier: tier, rule: index, section: section, spec: spec)
    }

    /// `namespace/name` or `name`.
    public var qualifiedName: String { namespace.map { "\($0)/\(name)" } ?? name }

    /// `NetworkPolicy shop/allow-frontend`, with `rule 0 of` when a rule is named, and the list
    /// when it is not plainly the direction's: `rule 0 of ingressDeny of CiliumClusterwideNetworkPolicy x`.
    public var description: String {
        var base = "\(kind.rawValue) \(qualifiedName)" + (tier.map { " (tier \($0))" } ?? "")
        if let spec { base = "specs[\(spec)] of " + base }
        if let section { base = "\(section) of " + base }
        return rule.map { "rule \($0) of \(base)" } ?? base
    }

    public static func < (lhs: PolicyReference, rhs: PolicyReference) -> Bool {
        (lhs.kind.rawValue, lhs.namespace ?? "", lhs.name, lhs.spec ?? -1, lhs.section ?? "", lhs.rule ?? -1)
            < (rhs.kind.rawValue, rhs.namespace ?? "", rhs.name, rhs.spec ?? -1, rhs.section ?? "", rhs.rule ?? -1)
    }
}
