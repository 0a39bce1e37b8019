/// The rule that wrote a packet-filter log line (a Calico `Log` rule, `dropActionOverride`), as
/// far as the line's prefix tells.
///
/// A `Log` rule logs whatever reaches it and lets evaluation go on, so it proves no verdict and
/// is not an `ObservedPolicy`. Its prefix names the policy only when the cluster's `logPrefix`
/// uses the `%t %k %n %p` placeholders (reference/calico-logs.md §1.1) and the reader knows the
/// template; every part the prefix does not give is `nil`.
public struct PacketLogRule: Hashable, Sendable, CustomStringConvertible {
    /// Everything before ` IN=`, without the `: ` Felix appends (`calico-packet`, `calico-drop`).
    public var prefix: String
    /// The Calico tier (`%t`), when the prefix gives it.
    public var tier: String?
    /// The policy kind in the contract's words (`GlobalNetworkPolicy`, …; `ClusterNetworkPolicy`
    /// for `kcnp`), from `%k`.
    public var kind: String?
    /// The namespace, from `%p` of a namespaced kind.
    public var namespace: String?
    /// The policy or profile name (`%n`, or the name part of `%p`).
    public var name: String?

    public init(prefix: String, tier: String? = nil, kind: String? = nil, namespace: String? = nil, name: String? = nil) {
        self.prefix = prefix
        self.tier = tier
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    /// `calico-packet`, or `calico-packet (GlobalNetworkPolicy default/ep2-4)` when a policy is named.
    public var description: String {
        guard let name else { return prefix }
        let qualified = namespace.map { "\($0)/\(name)" } ?? name
        let head = [kind, tier.map { "tier \($0)" }].compactMap { $0 }.joined(separator: " ")
        return "\(prefix) (" + (head.isEmpty ? "" : head + " ") + qualified + ")"
    }
}
