/// A `cilium.io/v2` CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy after validation.
///
/// `spec` and `specs` are flattened into `rules`, each remembering where it was written.
public struct CiliumPolicy: Hashable, Sendable {
    /// `.ciliumNetworkPolicy` or `.ciliumClusterwideNetworkPolicy`.
    public let kind: PolicyKind
    /// The namespace of a CiliumNetworkPolicy; `nil` for a clusterwide policy.
    public let namespace: String?
    public let name: String
    public let rules: [CiliumRule]

    public init(kind: PolicyKind, namespace: String?, name: String, rules: [CiliumRule]) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.rules = rules
    }
}

/// One Cilium rule (`spec`, or one item of `specs`).
public struct CiliumRule: Hashable, Sendable {
    /// `nil` for `spec`, the index for an item of `specs`.
    public let specIndex: Int?
    /// `endpointSelector` with keys in Cilium's `source:key` form (`any:app`, `k8s:app`).
    /// `nil` when the rule uses `nodeSelector` (host firewall), which no pod matches.
    public let endpointSelector: LabelSelector?
    /// The four rule lists; absent and empty lists both hold no rule.
    public let ingress: [CiliumPeerRule]
    public let ingressDeny: [CiliumPeerRule]
    public let egress: [CiliumPeerRule]
    public let egressDeny: [CiliumPeerRule]
    /// `enableDefaultDeny.ingress` / `.egress` as written; `nil` means "true when the direction has rules".
    public let enableDefaultDenyIngress: Bool?
    public let enableDefaultDenyEgress: Bool?

    public init(
        specIndex: Int?, endpointSelector: LabelSelector?, ingress: [CiliumPeerRule] = [], ingressDeny: [CiliumPeerRule] = [],
        egress: [CiliumPeerRule] = [], egressDeny: [CiliumPeerRule] = [], enableDefaultDenyIngress: Bool? = nil,
        enableDefaultDenyEgress: Bool? = nil
    ) {
        self.specIndex = specIndex
        self.endpointSelector = endpointSelector
        self.ingress = ingress
        self.ingressDeny = ingressDeny
        self.egress = egress
        self.egressDeny = egressDeny
        self.enableDefaultDenyIngress = enableDefaultDenyIngress
        self.enableDefaultDenyEgress = enableDefaultDenyEgress
    }

    /// The allow or deny rules of one direction.
    public func rules(_ direction: Direction, deny: Bool) -> [CiliumPeerRule] {
        switch (direction, deny) {
        case (.ingress, false): return ingress
        case (.ingress, true): return ingressDeny
        case (.egress, false): return egress
        case (.egress, true): return egressDeny
        }
    }

    /// Whether this rule puts the endpoints it selects into default deny for `direction`: it has an
    /// allow or deny rule in that direction and `enableDefaultDeny` does not turn that off.
    public func entersDefaultDeny(_ direction: Direction) -> Bool {
        let written = direction == .ingress ? enableDefaultDenyIngress : enableDefaultDenyEgress
        let hasRules = !rules(direction, deny: false).isEmpty || !rules(direction, deny: true).isEmpty
        return hasRules && written != false
    }
}
