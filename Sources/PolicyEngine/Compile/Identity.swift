import DenyscopeCore

/// What policy selection depends on for a pod: its namespace (with labels) and its own labels.
///
/// Pods with equal identities are selected by the same policies, so the engine computes the
/// selecting policies once per identity, not once per pod.
public struct Identity: Hashable, Sendable {
    public let namespace: String
    public let namespaceLabels: LabelSet
    public let labels: LabelSet
    /// Indexes into the engine's policy table of the policies that isolate this identity, per direction.
    let ingressPolicies: [Int]
    let egressPolicies: [Int]

    func isolatingPolicies(_ direction: Direction) -> [Int] {
        direction == .ingress ? ingressPolicies : egressPolicies
    }
}

/// Interns `(namespace, labels)` pairs and computes, once each, the policies that select them.
struct IdentityTable: Sendable {
    private struct Key: Hashable {
        let namespace: String
        let labels: LabelSet
    }

    private var identities: [Key: Identity] = [:]

    /// The identity of `labels` in `namespace`, computing its selecting policies on first use.
    mutating func intern(namespace: String, labels: LabelSet, policies: PolicyTable, namespaces: NamespaceTable) -> Identity {
        let key = Key(namespace: namespace, labels: labels)
        if let known = identities[key] { return known }
        let identity = Self.make(namespace: namespace, labels: labels, policies: policies, namespaces: namespaces)
        identities[key] = identity
        return identity
    }

    /// The identity of a label set the snapshot may not hold, without caching it.
    static func make(namespace: String, labels: LabelSet, policies: PolicyTable, namespaces: NamespaceTable) -> Identity {
        var ingress: [Int] = []
        var egress: [Int] = []
        for index in policies.indexes(inNamespace: namespace) {
            let policy = policies[index].policy
            guard policy.podSelector.matches(labels) else { continue }
            if policy.policyTypes.contains(.ingress) { ingress.append(index) }
            if policy.policyTypes.contains(.egress) { egress.append(index) }
        }
        return Identity(
            namespace: namespace, namespaceLabels: namespaces.labels(of: namespace), labels: labels,
            ingressPolicies: ingress, egressPolicies: egress)
    }

    var count: Int { identities.count }
}
