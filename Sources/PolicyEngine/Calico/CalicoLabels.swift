import DenyscopeCore

/// The labels Calico gives a pod's workload endpoint and its namespace (reference
/// `calico-policy.md` §4.2): the pod's labels, `projectcalico.org/namespace`,
/// `projectcalico.org/orchestrator=k8s`, `projectcalico.org/serviceaccount`, and the namespace's
/// labels prefixed `pcns.` (with `pcns.projectcalico.org/name`).
enum CalicoLabels {
    static let namespaceKey = "projectcalico.org/namespace"

    static func ofPod(namespace: String, labels: LabelSet, namespaceLabels: LabelSet, serviceAccount: String) -> LabelSet {
        var result = labels.values
        for (key, value) in ofNamespace(namespace, namespaceLabels).values { result["pcns." + key] = value }
        result[namespaceKey] = namespace
        result["projectcalico.org/orchestrator"] = "k8s"
        result["projectcalico.org/serviceaccount"] = serviceAccount
        result["pcsa.projectcalico.org/name"] = serviceAccount
        return LabelSet(result)
    }

    /// A namespace's labels as a `namespaceSelector` sees them, with `projectcalico.org/name`.
    static func ofNamespace(_ namespace: String, _ labels: LabelSet) -> LabelSet {
        var result = labels
        result["projectcalico.org/name"] = namespace
        return result
    }
}
