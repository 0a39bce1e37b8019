import DenyscopeCore

/// Cilium's label keys: `source:key`, where a key written without source means any source, and the
/// labels Cilium derives for every pod.
enum CiliumLabelKeys {
    /// The pod's namespace, as Cilium labels every endpoint.
    static let namespace = "k8s:io.kubernetes.pod.namespace"
    /// Prefix of the namespace's own labels, copied onto each of its pods.
    static let namespaceLabelPrefix = "io.cilium.k8s.namespace.labels."
    static let serviceAccount = "k8s:io.cilium.k8s.policy.serviceaccount"

    /// `app` → `any:app`; `k8s:app` and `reserved:host` stay as written.
    static func normalize(_ key: String) -> String {
        key.contains(":") ? key : "any:" + key
    }

    /// A selector with every key in `source:key` form.
    static func normalize(_ selector: LabelSelector) -> LabelSelector {
        LabelSelector(requirements: selector.requirements.map { LabelRequirement(key: normalize($0.key), operator: $0.operator) })
    }

    /// The key without its source: `any:app` → `app`.
    static func bareKey(_ key: String) -> Substring {
        key.split(separator: ":", maxSplits: 1).last ?? Substring(key)
    }

    /// Namespace injection into a `fromEndpoints`/`toEndpoints` selector, as Cilium's
    /// `ParseToCiliumRule` does: untouched when it names a reserved identity or a namespace; else a
    /// CiliumNetworkPolicy's peers are limited to its own namespace (unless namespace labels are
    /// used) and a clusterwide policy's peers to pods of any namespace.
    static func injectNamespace(into selector: LabelSelector, policyNamespace: String?) -> LabelSelector {
        let keys = selector.requirements.map(\.key)
        if keys.contains(where: { $0.hasPrefix("reserved:") }) { return selector }
        if keys.contains(where: { bareKey($0) == "io.kubernetes.pod.namespace" }) { return selector }
        guard let policyNamespace else {
            return LabelSelector(requirements: selector.requirements + [LabelRequirement(key: namespace, operator: .exists)])
        }
        if keys.contains(where: { bareKey($0).hasPrefix(namespaceLabelPrefix) }) { return selector }
        return LabelSelector(requirements: selector.requirements + [LabelRequirement(key: namespace, operator: .equals(policyNamespace))])
    }

    /// A CiliumNetworkPolicy's `endpointSelector` always selects in the policy's namespace only: any
    /// namespace match the user wrote is replaced.
    static func restrictToNamespace(_ selector: LabelSelector, _ policyNamespace: String?) -> LabelSelector {
        guard let policyNamespace else { return selector }
        let kept = selector.requirements.filter { bareKey($0.key) != "io.kubernetes.pod.namespace" }
        return LabelSelector(requirements: kept + [LabelRequirement(key: namespace, operator: .equals(policyNamespace))])
    }
}
