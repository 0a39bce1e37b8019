/// A pod as the policy engine needs it: identity, labels, addresses and named ports.
public struct Pod: Hashable, Sendable {
    public let namespace: String
    public let name: String
    public let labels: LabelSet
    /// `status.podIPs` (or `status.podIP`); empty for a pod that has not been scheduled.
    public let ips: [IPAddress]
    /// A host-network pod shares its node's address: pod selectors never select it.
    public let hostNetwork: Bool
    public let containerPorts: [ContainerPort]
    public let serviceAccount: String
    public let nodeName: String?
    /// `status.hostIP`: the address of the node the pod runs on.
    public let hostIP: IPAddress?
    /// The direct controller from `metadata.ownerReferences` (for example a ReplicaSet).
    public let owner: WorkloadReference?
    /// This pod stands for a workload whose manifest the snapshot has but none of whose pods: it is
    /// built from the pod template, named after the workload, and has no address.
    public let isFromTemplate: Bool

    public init(
        namespace: String, name: String, labels: LabelSet = [:], ips: [IPAddress] = [],
        hostNetwork: Bool = false, containerPorts: [ContainerPort] = [], serviceAccount: String = "default",
        nodeName: String? = nil, hostIP: IPAddress? = nil, owner: WorkloadReference? = nil, isFromTemplate: Bool = false
    ) {
        self.namespace = namespace
        self.name = name
        self.labels = labels
        self.ips = ips
        self.hostNetwork = hostNetwork
        self.containerPorts = containerPorts
        self.serviceAccount = serviceAccount
        self.nodeName = nodeName
        self.hostIP = hostIP
        self.owner = owner
        self.isFromTemplate = isFromTemplate
    }
}

/// The pod template of a workload (`spec.template`): what its pods will look like.
public struct PodTemplate: Hashable, Sendable {
    public let labels: LabelSet
    public let hostNetwork: Bool
    public let containerPorts: [ContainerPort]
    public let serviceAccount: String

    public init(labels: LabelSet, hostNetwork: Bool = false, containerPorts: [ContainerPort] = [], serviceAccount: String = "default") {
        self.labels = labels
        self.hostNetwork = hostNetwork
        self.containerPorts = containerPorts
        self.serviceAccount = serviceAccount
    }
}

/// A container port; named ones are what a policy's named port resolves against.
public struct ContainerPort: Hashable, Sendable {
    public let name: String?
    public let port: UInt16
    public let `protocol`: IPProtocol

    public init(name: String?, port: UInt16, protocol: IPProtocol = .tcp) {
        self.name = name
        self.port = port
        self.protocol = `protocol`
    }
}
