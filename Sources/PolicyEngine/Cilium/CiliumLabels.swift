import DenyscopeCore

/// The labels Cilium gives endpoints, in `source:key` form, and selector matching over them where
/// a key of source `any` matches the key from any source.
enum CiliumLabels {
    static let namespaceKey = "k8s:io.kubernetes.pod.namespace"
    static let namespaceLabelPrefix = "k8s:io.cilium.k8s.namespace.labels."
    private static let sources = ["k8s", "reserved", "container", "unspec"]

    /// A pod's identity labels: its own labels, its namespace and the namespace's labels, its
    /// service account (`pkg/k8s` in Cilium derives exactly these).
    static func ofPod(namespace: String, labels: LabelSet, namespaceLabels: LabelSet, serviceAccount: String) -> LabelSet {
        var result: [String: String] = [:]
        for (key, value) in labels.values { result["k8s:" + key] = value }
        for (key, value) in namespaceLabels.values { result[namespaceLabelPrefix + key] = value }
        result[namespaceKey] = namespace
        result["k8s:io.cilium.k8s.policy.serviceaccount"] = serviceAccount
        return LabelSet(result)
    }

    /// The labels of the other end of a connection, as the subject's node sees it: a pod's identity
    /// labels, `reserved:host` for the subject's own node, `reserved:remote-node` for another node,
    /// `reserved:world` outside the cluster.
    static func of(_ endpoint: ResolvedEndpoint, from subject: ResolvedEndpoint) -> LabelSet {
        if let identity = endpoint.identity { return identity.ciliumLabels }
        switch endpoint.endpoint.kind {
        case .host:
            let local = endpoint.ip != nil && endpoint.ip == subject.nodeAddress
            return [local ? "reserved:host" : "reserved:remote-node": ""]
        case .pod, .world, .unknown:
            return ["reserved:world": ""]
        }
    }

    /// The value of a `source:key` label; `any:key` looks in every source.
    static func value(of key: String, in labels: LabelSet) -> String? {
        guard key.hasPrefix("any:") else { return labels[key] }
        let bare = key.dropFirst(4)
        for source in sources {
            if let value = labels[source + ":" + bare] { return value }
        }
        return nil
    }

    static func matches(_ requirement: LabelRequirement, _ labels: LabelSet) -> Bool {
        requirement.matches(value: value(of: requirement.key, in: labels))
    }

    static func matches(_ selector: LabelSelector, _ labels: LabelSet) -> Bool {
        selector.requirements.allSatisfy { matches($0, labels) }
    }

    /// A selector as a person wrote it: sources and the injected namespace left out (`run=web`).
    static func describe(_ selector: LabelSelector) -> String {
        let shown = selector.requirements.filter { $0.key != namespaceKey }.map { requirement in
            LabelRequirement(key: String(requirement.key.split(separator: ":", maxSplits: 1).last ?? ""), operator: requirement.operator)
        }
        return LabelSelector(requirements: shown).description
    }
}
