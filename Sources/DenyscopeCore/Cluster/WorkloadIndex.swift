/// Resolves a pod to the workload a person would name: pod → ReplicaSet → Deployment, pod → Job → CronJob.
public struct WorkloadIndex: Sendable {
    private struct Key: Hashable {
        let kind: String
        let namespace: String
        let name: String
    }

    private var owners: [Key: WorkloadReference?] = [:]

    public init(_ workloads: [WorkloadObject]) {
        for workload in workloads {
            owners[Key(kind: workload.kind, namespace: workload.namespace, name: workload.name)] = .some(workload.owner)
        }
    }

    /// The top-most controller of `pod`, following owners known to the snapshot.
    ///
    /// When a pod's ReplicaSet is missing from the snapshot (for example `kubectl get pods` alone) and the
    /// pod carries `pod-template-hash=H` with a ReplicaSet named `<name>-H`, the Deployment `<name>` is
    /// inferred, as the Deployment controller names its ReplicaSets that way. `nil` for a bare pod.
    public func workload(of pod: Pod) -> WorkloadReference? {
        guard var current = pod.owner else { return nil }
        var visited: Set<Key> = []
        while true {
            let key = Key(kind: current.kind, namespace: pod.namespace, name: current.name)
            guard visited.insert(key).inserted else { return current }
            guard let known = owners[key] else {
                return Self.inferredDeployment(of: current, labels: pod.labels) ?? current
            }
            guard let next = known else { return current }
            current = next
        }
    }

    private static func inferredDeployment(of owner: WorkloadReference, labels: LabelSet) -> WorkloadReference? {
        guard owner.kind == "ReplicaSet", let hash = labels["pod-template-hash"], !hash.isEmpty,
            owner.name.hasSuffix("-" + hash), owner.name.count > hash.count + 1
        else { return nil }
        return WorkloadReference(kind: "Deployment", name: String(owner.name.dropLast(hash.count + 1)))
    }
}
