import DenyscopeCore

/// How the engine decides: which dialect's semantics, and dialect settings.
public struct EngineOptions: Hashable, Sendable {
    /// Whose semantics decide connections.
    public enum Dialect: String, Hashable, Sendable, CaseIterable {
        /// Kubernetes NetworkPolicy as the API reference defines it.
        case kubernetes
        /// Cilium: CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy and Kubernetes NetworkPolicy together.
        case cilium
        /// Calico: tiers of ordered policies (Kubernetes NetworkPolicies in tier `default`), then profiles.
        case calico
    }

    public var dialect: Dialect
    /// Cilium's `policyEnforcementMode`.
    public var ciliumEnforcement: CiliumEnforcement

    public init(dialect: Dialect = .kubernetes, ciliumEnforcement: CiliumEnforcement = .default) {
        self.dialect = dialect
        self.ciliumEnforcement = ciliumEnforcement
    }
}

/// Cilium's policy enforcement mode (`enable-policy`).
public enum CiliumEnforcement: String, Hashable, Sendable, CaseIterable {
    /// Endpoints are unrestricted until a policy selects them, per direction.
    case `default`
    /// Every endpoint is in default deny in both directions, selected or not.
    case always
    /// No policy is enforced.
    case never
}
