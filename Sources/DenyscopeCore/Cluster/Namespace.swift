/// A Kubernetes namespace and its labels.
public struct Namespace: Hashable, Sendable {
    /// The label the API server sets on every namespace to its own name.
    public static let nameLabel = "kubernetes.io/metadata.name"

    public let name: String
    /// The namespace's labels, always including `kubernetes.io/metadata.name=<name>`.
    public let labels: LabelSet

    public init(name: String, labels: LabelSet = [:]) {
        self.name = name
        var labels = labels
        labels[Self.nameLabel] = name
        self.labels = labels
    }
}
