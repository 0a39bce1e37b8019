/// What a record says about one side of a flow beyond the contract's `Endpoint`.
///
/// Kept apart from `Endpoint` so that the matcher can intern endpoints without these
/// per-record details, and so that nothing the record said is lost.
public struct FlowPeer: Hashable, Sendable {
    /// The numeric security identity (Cilium), when the record has one.
    public var identity: UInt32?
    /// Identity labels that are not plain pod labels, as written: `reserved:world`,
    /// `cidr:1.1.1.1/32`, `reserved:kube-apiserver`. Pod labels are in `Endpoint.labels`.
    public var identityLabels: [String]
    /// The pod's namespace labels, when the record carries them
    /// (Hubble `k8s:io.cilium.k8s.namespace.labels.<key>=<value>`).
    public var namespaceLabels: LabelSet?
    /// The pod's service account (Hubble `k8s:io.cilium.k8s.policy.serviceaccount`).
    public var serviceAccount: String?
    /// The cluster name (Hubble `cluster_name` or `k8s:io.cilium.k8s.policy.cluster`).
    public var cluster: String?
    /// DNS names the address was resolved to (Hubble `source_names` / `destination_names`).
    public var dnsNames: [String]
    /// The Kubernetes service whose address matched, as `namespace/name`.
    public var service: String?
    /// The name an aggregating producer gives instead of the pod's (Calico `*_name_aggr`,
    /// Goldmane names): a pod-name prefix ending in `*` (`nginx-86c57db685-*`), a host name, a
    /// network-set name, or `pub`/`pvt`. `nil` when the record names no aggregate.
    public var aggregatedName: String? = nil

    public init(
        identity: UInt32? = nil, identityLabels: [String] = [], namespaceLabels: LabelSet? = nil, serviceAccount: String? = nil,
        cluster: String? = nil, dnsNames: [String] = [], service: String? = nil
    ) {
        self.identity = identity
        self.identityLabels = identityLabels
        self.namespaceLabels = namespaceLabels
        self.serviceAccount = serviceAccount
        self.cluster = cluster
        self.dnsNames = dnsNames
        self.service = service
    }

    /// A peer the record says nothing more about.
    public static let none = FlowPeer()
}
