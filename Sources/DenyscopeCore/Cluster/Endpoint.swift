/// One end of a connection, described as far as the input knows it.
///
/// The JSON contract of DESIGN.md §4 renders this with unknown fields absent.
public struct Endpoint: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        /// A pod network endpoint (not host-network).
        case pod
        /// A node, or a host-network pod that shares the node's address.
        case host
        /// An address outside the cluster.
        case world
        /// Not enough information to tell.
        case unknown
    }

    // The address first: after the kind, its 17 bytes would start at 8 and leave padding.
    public var ip: IPAddress?
    public var kind: Kind
    public var namespace: String? {
        get { details?.namespace }
        set { $details.update(from: Details()) { $0.namespace = newValue } }
    }
    public var pod: String? {
        get { details?.pod }
        set { $details.update(from: Details()) { $0.pod = newValue } }
    }
    public var workload: WorkloadReference? {
        get { details?.workload }
        set { $details.update(from: Details()) { $0.workload = newValue } }
    }
    public var labels: LabelSet? {
        get { details?.labels }
        set { $details.update(from: Details()) { $0.labels = newValue } }
    }

    /// Whether the record names a pod, read without copying the name out.
    public var hasPod: Bool { details?.pod != nil }

    /// The identity of the storage of namespace, pod, workload and labels, which the records of
    /// one endpoint may share (`nil` when all are absent): endpoints with the same identity, kind
    /// and address are equal, so a matcher can recognize them without comparing label sets.
    public var detailsIdentity: ObjectIdentifier? { $details.boxIdentity }

    /// Namespace, pod, workload and labels behind one reference, `nil` when all are absent: a
    /// `Flow` holds two endpoints and is copied several times on its way to a group, and most
    /// endpoints of packet logs and captures are an address only. Records of one pod can share
    /// the reference.
    @OutOfLine private var details: Details?

    private struct Details: Hashable, Sendable {
        var namespace: String?
        var pod: String?
        var workload: WorkloadReference?
        var labels: LabelSet?
    }

    public init(
        kind: Kind, namespace: String? = nil, pod: String? = nil, workload: WorkloadReference? = nil,
        ip: IPAddress? = nil, labels: LabelSet? = nil
    ) {
        self.kind = kind
        self.ip = ip
        let details = Details(namespace: namespace, pod: pod, workload: workload, labels: labels)
        self.details = details == Details() ? nil : details
    }
}

extension Endpoint: CustomStringConvertible {
    /// `shop/web-7c8d9-x2k (Deployment web)`, `host 10.0.0.5`, `world 203.0.113.9`, `world`.
    public var description: String {
        switch kind {
        case .pod:
            var text = [namespace, pod].compactMap { $0 }.joined(separator: "/")
            if text.isEmpty { text = ip.map(String.init(describing:)) ?? "pod" }
            if let workload { text += " (\(workload.kind) \(workload.name))" }
            return text
        case .host:
            return pod.map { "host \(namespace ?? "")/\($0)" } ?? "host" + (ip.map { " \($0)" } ?? "")
        case .world, .unknown:
            return kind.rawValue + (ip.map { " \($0)" } ?? "")
        }
    }
}
