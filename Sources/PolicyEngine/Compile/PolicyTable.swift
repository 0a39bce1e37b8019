import DenyscopeCore

/// A policy with its precomputed reference, as the engine stores it: an immutable object, so
/// that reading one during an evaluation does not copy the policy's fields.
final class CompiledPolicy: Sendable {
    let policy: KubernetesNetworkPolicy
    let reference: PolicyReference

    init(policy: KubernetesNetworkPolicy, reference: PolicyReference) {
        self.policy = policy
        self.reference = reference
    }
}

/// All policies in a canonical order, indexed by namespace so that selecting a pod's policies
/// scans only its namespace (Cilium's `rulesByNamespace`). An immutable object, as
/// `CalicoTierTable` is.
final class PolicyTable: Sendable {
    private let policies: [CompiledPolicy]
    private let byNamespace: [String: [Int]]

    init(_ networkPolicies: [KubernetesNetworkPolicy]) {
        // Sorting makes every result independent of the order the snapshot listed policies in;
        // the table's order is also its references' order, in which a side lists policies.
        let sorted = networkPolicies.sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
        policies = sorted.map {
            CompiledPolicy(policy: $0, reference: PolicyReference(kind: .networkPolicy, namespace: $0.namespace, name: $0.name))
        }
        var byNamespace: [String: [Int]] = [:]
        for (index, compiled) in policies.enumerated() {
            byNamespace[compiled.policy.namespace, default: []].append(index)
        }
        self.byNamespace = byNamespace
    }

    subscript(index: Int) -> CompiledPolicy { policies[index] }

    func indexes(inNamespace namespace: String) -> [Int] { byNamespace[namespace] ?? [] }

    var count: Int { policies.count }
}

/// Namespace labels by name; a namespace missing from the snapshot still has its name label.
struct NamespaceTable: Sendable {
    private let labelsByName: [String: LabelSet]

    init(_ namespaces: [Namespace]) {
        labelsByName = Dictionary(namespaces.map { ($0.name, $0.labels) }, uniquingKeysWith: { _, last in last })
    }

    func labels(of namespace: String) -> LabelSet {
        labelsByName[namespace] ?? Namespace(name: namespace).labels
    }

    func contains(_ namespace: String) -> Bool { labelsByName[namespace] != nil }
}
