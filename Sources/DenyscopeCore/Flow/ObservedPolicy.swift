/// A policy that the record itself names as having allowed or denied it (Hubble
/// `ingress_allowed_by`, `egress_denied_by`, …; Calico policy hits).
///
/// These are hints from the data path, not the engine's attribution: Hubble fills them only on
/// policy-verdict events, only since Cilium 1.15/1.16, and never for default deny
/// (reference/hubble.md §5).
public struct ObservedPolicy: Hashable, Sendable, CustomStringConvertible {
    /// The side whose policy the record names.
    public var direction: Direction
    /// `allowed` for `*_allowed_by`, `denied` for `*_denied_by`.
    public var effect: Verdict
    /// The policy kind as the record spells it (`CiliumNetworkPolicy`, …); `nil` when absent
    /// (Cilium < 1.17) and not derivable from the policy's labels.
    public var kind: String?
    /// `nil` for cluster-wide policies.
    public var namespace: String?
    /// Empty for Cilium-internal rules (allow-localhost and the like).
    public var name: String
    /// The policy repository revision (a 64-bit number, written as a JSON string by Hubble).
    public var revision: UInt64?
    /// The Calico tier the policy is in (`__PROFILE__` for profiles); `nil` for other dialects.
    public var tier: String? = nil
    /// The 0-based index of the matched rule in the direction's rule list, when the record gives
    /// one; `nil` for an end-of-tier entry and when the record does not say (Calico rule `-2`,
    /// 4-field traces).
    public var rule: Int? = nil
    /// The entry is the implicit end-of-tier action of `tier` (Calico rule index `-1`, Goldmane
    /// `EndOfTier`): the named policy is only one of the tier's policies that selected the
    /// endpoint (Goldmane's `trigger`), not a rule that matched.
    public var isEndOfTier = false
    /// The entry comes from a trace computed with staged policies treated as enforced (Calico
    /// `pending_policies`): what would happen, not what happened.
    public var isPending = false
    /// The rule action the record names, for records that name one (Calico traces); `pass`
    /// hands the decision to the next tier and has `effect` `.allowed` (the tier did not deny).
    public var action: Action? = nil

    public init(
        direction: Direction, effect: Verdict, kind: String?, namespace: String?, name: String, revision: UInt64? = nil
    ) {
        self.direction = direction
        self.effect = effect
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.revision = revision
    }

    /// A rule action as a Calico policy trace names it.
    public enum Action: String, Hashable, Sendable, CaseIterable {
        case allow, deny, pass
    }

    /// The same policy as the engine names it, when its kind is one of the contract's kinds.
    public var reference: PolicyReference? {
        guard let kind, let policyKind = PolicyKind(rawValue: kind), !name.isEmpty else { return nil }
        return PolicyReference(kind: policyKind, namespace: namespace, name: name)
    }

    /// `egress denied by CiliumNetworkPolicy net-lab/deny-tg-to-echo`.
    public var description: String {
        let qualified = namespace.map { "\($0)/\(name)" } ?? name
        let verb = action == .pass ? "passed" : effect == .allowed ? "allowed" : "denied"
        return "\(direction.rawValue) \(verb) by " + (kind.map { "\($0) " } ?? "") + qualified
    }
}
