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

/// Values of one block's records parsed before, by their raw bytes: real traffic repeats few
/// identities, label lists, workloads, namespaces, pod and node names.
///
/// Keyed by a 64-bit hash of the bytes; a hit is confirmed by comparing the bytes, so a
/// collision only costs a re-parse. Only successful parses are stored.
struct HubbleLabelCache {
    // Room for clusters with thousands of identities and pods: the caches live as long as a file
    // (`ParserPool`) and grow while they keep missing.
    private var labelLists = ByteKeyedCache<HubbleLabels>(maxSlots: 8192)
    private var workloads = ByteKeyedCache<WorkloadReference?>(maxSlots: 4096)
    private var texts = ByteKeyedCache<String>(maxSlots: 16384)
    /// Endpoints (address aside) and boxed peer details by the bytes of their `source` or
    /// `destination` object: every record of a pod repeats the same object. Hashed on the first
    /// 32 bytes, so that a line's scan can recognize a known object where it starts.
    private var sides = ByteKeyedCache<Side>(maxSlots: 16384, hashedPrefix: 32)
    /// The side objects the current line's scan recognized, by where they start: `side(_:)` takes
    /// them from here rather than hashing and comparing their bytes again.
    private var recognized: [(start: UnsafeRawPointer?, count: Int, side: Side)] = []

    typealias Side = (endpoint: Endpoint, peer: OutOfLine<FlowPeer>)

    mutating func labels(_ raw: UnsafeRawBufferPointer, parse: () throws(HubbleFieldError) -> [String]) throws(HubbleFieldError)
        -> HubbleLabels
    {
        try labelLists.value(raw) { _ throws(HubbleFieldError) in HubbleLabels(try parse()) }
    }

    /// The workload of a `workloads` array whose raw bytes are `raw`.
    mutating func workload(
        _ raw: UnsafeRawBufferPointer, parse: () throws(HubbleFieldError) -> WorkloadReference?
    ) throws(HubbleFieldError) -> WorkloadReference? {
        try workloads.value(raw) { _ throws(HubbleFieldError) in try parse() }
    }

    /// The endpoint and peer read before from a side object whose bytes are `raw`.
    func side(_ raw: UnsafeRawBufferPointer) -> Side? {
        for known in recognized where known.start == raw.baseAddress && known.count == raw.count { return known.side }
        return sides.lookup(raw)
    }

    /// Forgets the side objects recognized in the previous line (its buffer may be reused).
    mutating func startLine() {
        recognized.removeAll(keepingCapacity: true)
    }

    /// The length of a side object read before that `rest` starts with, if any; `side(_:)` then
    /// finds it by its place in this line.
    mutating func recognizeSide(startingAt rest: UnsafeRawBufferPointer) -> Int? {
        guard let (length, side) = sides.stored(startingAt: rest) else { return nil }
        recognized.append((rest.baseAddress, length, side))
        return length
    }

    mutating func storeSide(_ side: Side, for raw: UnsafeRawBufferPointer) {
        sides.store(side, for: raw)
    }

    /// The text of a JSON string without escapes whose bytes (between the quotes) are `raw`.
    ///
    /// Texts that fit a small string (15 bytes, node and most namespace names) are built afresh:
    /// that stores nothing and is cheaper than finding them in the cache.
    mutating func text(_ raw: UnsafeRawBufferPointer) -> String {
        if raw.count <= Self.smallStringCapacity { return String(decoding: raw, as: UTF8.self) }
        return texts.value(raw) { String(decoding: $0, as: UTF8.self) }
    }

    /// The most UTF-8 bytes a Swift string holds inline on 64-bit platforms.
    private static let smallStringCapacity = 15
}
