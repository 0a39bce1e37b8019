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
    /// Calico policies (including staged ones), tiers and network sets.
    public var calicoPolicies: [CalicoPolicy]
    public var calicoTiers: [CalicoTier]
    public var calicoNetworkSets: [CalicoNetworkSet]
    /// Calico `Profile` objects (kind `.profile`); pods use `kns.<namespace>`, which allows all when absent.
    public var calicoProfiles: [CalicoPolicy]
    /// StagedKubernetesNetworkPolicies: Kubernetes policies Calico evaluates for audit only.
    public var stagedKubernetesPolicies: [KubernetesNetworkPolicy]

    public init(
        namespaces: [Namespace] = [], pods: [Pod] = [], services: [Service] = [], nodes: [Node] = [],
        workloads: [WorkloadObject] = [], networkPolicies: [KubernetesNetworkPolicy] = [], ciliumPolicies: [CiliumPolicy] = [],
        calicoPolicies: [CalicoPolicy] = [], calicoTiers: [CalicoTier] = [], calicoNetworkSets: [CalicoNetworkSet] = [],
        calicoProfiles: [CalicoPolicy] = [], stagedKubernetesPolicies: [KubernetesNetworkPolicy] = []
    ) {
        self.namespaces = namespaces
        self.pods = pods
        self.services = services
        self.nodes = nodes
        self.workloads = workloads
        self.networkPolicies = networkPolicies
        self.ciliumPolicies = ciliumPolicies
        self.calicoPolicies = calicoPolicies
        self.calicoTiers = calicoTiers
        self.calicoNetworkSets = calicoNetworkSets
        self.calicoProfiles = calicoProfiles
        self.stagedKubernetesPolicies = stagedKubernetesPolicies
    }
}
