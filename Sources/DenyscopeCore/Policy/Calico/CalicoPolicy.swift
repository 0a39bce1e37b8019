/// A `projectcalico.org/v3` policy (NetworkPolicy, GlobalNetworkPolicy, or a staged kind) after
/// validation. Kubernetes NetworkPolicies join Calico's evaluation separately (tier `default`,
/// order 1000).
public struct CalicoPolicy: Hashable, Sendable {
    /// `.calicoNetworkPolicy`, `.globalNetworkPolicy`, `.stagedNetworkPolicy`,
    /// `.stagedGlobalNetworkPolicy` or `.stagedKubernetesNetworkPolicy`.
    public let kind: PolicyKind
    /// The namespace of a namespaced kind; `nil` for global ones.
    public let namespace: String?
    public let name: String
    /// `spec.tier`; `default` when omitted.
    public let tier: String
    /// `spec.order`; `nil` ("infinite") sorts last.
    public let order: Double?
    /// `spec.selector`; empty means `all()`. A namespaced policy only ever selects its namespace.
    public let selector: CalicoSelector
    /// A global policy's `spec.namespaceSelector` over namespace labels.
    public let namespaceSelector: CalicoSelector?
    /// `spec.types`, as Calico defaults it when omitted: `Egress` alone when only egress rules exist,
    /// both when both exist, else `Ingress`.
    public let types: Set<Direction>
    public let ingress: [CalicoRule]
    public let egress: [CalicoRule]

    public init(
        kind: PolicyKind, namespace: String?, name: String, tier: String = "default", order: Double? = nil,
        selector: CalicoSelector = .all, namespaceSelector: CalicoSelector? = nil, types: Set<Direction>,
        ingress: [CalicoRule] = [], egress: [CalicoRule] = []
    ) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.tier = tier
        self.order = order
        self.selector = selector
        self.namespaceSelector = namespaceSelector
        self.types = types
        self.ingress = ingress
        self.egress = egress
    }

    /// Staged kinds are evaluated for audit only; they never enforce.
    public var isStaged: Bool {
        [.stagedNetworkPolicy, .stagedGlobalNetworkPolicy, .stagedKubernetesNetworkPolicy].contains(kind)
    }

    public func rules(_ direction: Direction) -> [CalicoRule] {
        direction == .ingress ? ingress : egress
    }
}

/// A `Tier`: policies of lower-order tiers are evaluated first.
public struct CalicoTier: Hashable, Sendable {
    /// What happens when policies of the tier select an endpoint but none decides.
    public enum DefaultAction: String, Hashable, Sendable {
        case deny = "Deny"
        case pass = "Pass"
    }

    public let name: String
    /// `nil` ("infinite") sorts last; ties are broken by name.
    public let order: Double?
    public let defaultAction: DefaultAction

    public init(name: String, order: Double?, defaultAction: DefaultAction = .deny) {
        self.name = name
        self.order = order
        self.defaultAction = defaultAction
    }

    /// The built-in `default` tier: order 1,000,000, end-of-tier deny.
    public static let `default` = CalicoTier(name: "default", order: 1_000_000, defaultAction: .deny)
}

/// A `NetworkSet` (namespaced) or `GlobalNetworkSet`: labelled addresses that rule selectors can match.
public struct CalicoNetworkSet: Hashable, Sendable {
    public let namespace: String?
    public let name: String
    public let labels: LabelSet
    public let nets: [CIDR]

    public init(namespace: String?, name: String, labels: LabelSet, nets: [CIDR]) {
        self.namespace = namespace
        self.name = name
        self.labels = labels
        self.nets = nets
    }
}
