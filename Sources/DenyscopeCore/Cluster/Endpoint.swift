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

    public var kind: Kind
    public var namespace: String?
    public var pod: String?
    public var workload: WorkloadReference?
    public var ip: IPAddress?
    public var labels: LabelSet?

    public init(
        kind: Kind, namespace: String? = nil, pod: String? = nil, workload: WorkloadReference? = nil,
        ip: IPAddress? = nil, labels: LabelSet? = nil
    ) {
        self.kind = kind
        self.namespace = namespace
        self.pod = pod
        self.workload = workload
        self.ip = ip
        self.labels = labels
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
