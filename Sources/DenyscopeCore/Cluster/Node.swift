/// A cluster node and its addresses; traffic from or to these is `host`, never a pod.
public struct Node: Hashable, Sendable {
    public let name: String
    public let labels: LabelSet
    public let addresses: [IPAddress]

    public init(name: String, labels: LabelSet = [:], addresses: [IPAddress]) {
        self.name = name
        self.labels = labels
        self.addresses = addresses
    }
}
