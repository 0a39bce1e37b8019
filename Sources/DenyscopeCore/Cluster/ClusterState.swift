/// Everything denyscope knows about a cluster: the objects of a snapshot, merged from all inputs.
///
/// Built by `ClusterLoader`, compiled once by `PolicyEngine`.
public struct ClusterState: Sendable {
    public var namespaces: [Namespace]
    public var pods: [Pod]
    public var services: [Service]
    public var nodes: [Node]
    /// ReplicaSets, Deployments, StatefulSets, DaemonSets, Jobs and CronJobs.
    public var workloads: [WorkloadObject]
    public var networkPolicies: [KubernetesNetworkPolicy]
    /// CiliumNetworkPolicies and CiliumClusterwideNetworkPolicies.
    public var ciliumPolicies: [CiliumPolicy]

    public init(
        namespaces: [Namespace] = [], pods: [Pod] = [], services: [Service] = [], nodes: [Node] = [],
        workloads: [WorkloadObject] = [], networkPolicies: [KubernetesNetworkPolicy] = [], ciliumPolicies: [CiliumPolicy] = []
    ) {
        self.namespaces = namespaces
        self.pods = pods
        self.services = services
        self.nodes = nodes
        self.workloads = workloads
        self.networkPolicies = networkPolicies
        self.ciliumPolicies = ciliumPolicies
    }
}
