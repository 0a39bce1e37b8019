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
///
/// Keyed by a 64-bit hash of the bytes computed eight bytes at a time; a hit is confirmed by
/// comparing the bytes, so a collision only costs a re-parse.
struct HubbleLabelCache {
    private struct Entry {
        let bytes: [UInt8]
        let labels: HubbleLabels
    }

    private var entries: [UInt64: Entry] = [:]
    static let capacity = 4096

    mutating func labels(_ raw: UnsafeRawBufferPointer, parse: () throws(HubbleFieldError) -> [String]) throws(HubbleFieldError)
        -> HubbleLabels
    {
        let key = Self.hash(raw)
        if let cached = entries[key], cached.bytes.elementsEqual(raw) { return cached.labels }
        let parsed = HubbleLabels(try parse())
        if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = Entry(bytes: [UInt8](raw), labels: parsed)
        return parsed
    }

    static func hash(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(raw.count)
        var offset = 0
        while offset + 8 <= raw.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            offset += 8
        }
        while offset < raw.count {
            hash = (hash ^ UInt64(raw[offset])) &* 0xC4CE_B9FE_1A85_EC53
            offset += 1
        }
        return hash ^ (hash >> 29)
    }
}
