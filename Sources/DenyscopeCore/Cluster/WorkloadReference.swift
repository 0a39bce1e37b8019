/// The controller that owns a pod, as reports name it: `shop/web (Deployment)`.
public struct WorkloadReference: Hashable, Sendable, CustomStringConvertible {
    /// `Deployment`, `StatefulSet`, `DaemonSet`, `ReplicaSet`, `Job`, `CronJob`, or another owner kind.
    public let kind: String
    public let name: String

    public init(kind: String, name: String) {
        self.kind = kind
        self.name = name
    }

    public var description: String { "\(name) (\(kind))" }
}

/// An owning object of the snapshot (ReplicaSet, Deployment, …) with its own owner, if any.
public struct WorkloadObject: Hashable, Sendable {
    public let kind: String
    public let namespace: String
    public let name: String
    /// The controlling owner of this object (a ReplicaSet's Deployment, a Job's CronJob).
    public let owner: WorkloadReference?
    /// The pod template (`spec.template`, or `spec.jobTemplate.spec.template` for a CronJob).
    public let template: PodTemplate?

    public init(kind: String, namespace: String, name: String, owner: WorkloadReference?, template: PodTemplate? = nil) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.owner = owner
        self.template = template
    }
}
