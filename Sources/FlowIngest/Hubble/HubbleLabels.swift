import DenyscopeCore

/// What a Hubble identity label list says, sorted into the places `Endpoint` and `FlowPeer` keep it.
///
/// `k8s:` labels are pod labels, except the ones Cilium derives: the pod namespace
/// (`io.kubernetes.pod.namespace`), namespace labels (`io.cilium.k8s.namespace.labels.*`), the
/// service account and the cluster (`io.cilium.k8s.policy.*`). Labels of other sources
/// (`reserved:`, `cidr:`, `container:`, …) are kept as written (reference/hubble.md §3.4).
struct HubbleLabels: Sendable {
    var podLabels = LabelSet()
    var identityLabels: [String] = []
    var namespaceLabels = LabelSet()
    var namespace: String?
    var serviceAccount: String?
    var cluster: String?

    init(_ labels: [String]) {
        for label in labels {
            guard label.hasPrefix("k8s:") else {
                identityLabels.append(label)
                continue
            }
            let pair = label.dropFirst(4)
            let key: Substring
            let value: Substring
            if let equals = pair.firstIndex(of: "=") {
                key = pair[..<equals]
                value = pair[pair.index(after: equals)...]
            } else {
                key = pair
                value = ""
            }
            if key == "io.kubernetes.pod.namespace" {
                namespace = String(value)
            } else if key.hasPrefix("io.cilium.k8s.namespace.labels.") {
                namespaceLabels[String(key.dropFirst("io.cilium.k8s.namespace.labels.".count))] = String(value)
            } else if key == "io.cilium.k8s.policy.serviceaccount" {
                serviceAccount = String(value)
            } else if key == "io.cilium.k8s.policy.cluster" {
                cluster = String(value)
            } else if key.hasPrefix("io.cilium.k8s.policy.") {
                identityLabels.append(label)
            } else {
                podLabels[String(key)] = String(value)
            }
        }
    }

    /// The world-facing kind the reserved labels imply, if any.
    var reservedKind: Endpoint.Kind? {
        for label in identityLabels {
            if label.hasPrefix("reserved:world") || label.hasPrefix("cidr:") || label.hasPrefix("fqdn:") { return .world }
        }
        for label in identityLabels {
            if label == "reserved:host" || label == "reserved:remote-node" || label == "reserved:kube-apiserver" { return .host }
        }
        return nil
    }
}

/// Label lists parsed before, by their raw bytes: real traffic repeats few identities.
struct HubbleLabelCache {
    private var entries: [[UInt8]: HubbleLabels] = [:]
    static let capacity = 4096

    mutating func labels(_ raw: UnsafeRawBufferPointer, parse: () throws(HubbleFieldError) -> [String]) throws(HubbleFieldError)
        -> HubbleLabels
    {
        let key = [UInt8](raw)
        if let cached = entries[key] { return cached }
        let parsed = HubbleLabels(try parse())
        if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = parsed
        return parsed
    }
}
