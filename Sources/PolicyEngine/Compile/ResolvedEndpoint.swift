import DenyscopeCore

/// An endpoint the engine can evaluate: its description plus, for pods, the identity policies select.
///
/// Its parts sit behind one reference: every evaluation copies both endpoints of its connection
/// around, and copying them inline retained some twenty strings, arrays and label sets each time.
public struct ResolvedEndpoint: Hashable, Sendable {
    private final class Storage: Sendable {
        let endpoint: Endpoint
        let identity: Identity?
        let containerPorts: [ContainerPort]
        let nodeAddress: IPAddress?

        init(endpoint: Endpoint, identity: Identity?, containerPorts: [ContainerPort], nodeAddress: IPAddress?) {
            self.endpoint = endpoint
            self.identity = identity
            self.containerPorts = containerPorts
            self.nodeAddress = nodeAddress
        }
    }

    private let storage: Storage

    /// What reports show: kind, namespace, pod, workload, address, labels.
    public var endpoint: Endpoint { storage.endpoint }
    /// The pod's identity; `nil` for hosts and external addresses, which no pod selector selects.
    public var identity: Identity? { storage.identity }
    /// The pod's container ports, against which named ports resolve when it is the destination.
    public var containerPorts: [ContainerPort] { storage.containerPorts }
    /// The address of the node a pod runs on (`status.hostIP`).
    public var nodeAddress: IPAddress? { storage.nodeAddress }

    init(endpoint: Endpoint, identity: Identity?, containerPorts: [ContainerPort] = [], nodeAddress: IPAddress? = nil) {
        storage = Storage(endpoint: endpoint, identity: identity, containerPorts: containerPorts, nodeAddress: nodeAddress)
    }

    public var ip: IPAddress? { endpoint.ip }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.storage === rhs.storage
            || (lhs.endpoint == rhs.endpoint && lhs.identity == rhs.identity && lhs.containerPorts == rhs.containerPorts
                && lhs.nodeAddress == rhs.nodeAddress)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(endpoint)
        hasher.combine(identity)
        hasher.combine(containerPorts)
        hasher.combine(nodeAddress)
    }
}

/// How a user or a record names an endpoint.
public enum EndpointQuery: Hashable, Sendable {
    /// `namespace/name`: a pod, or a workload (Deployment, StatefulSet…) whose first pod is taken.
    case named(namespace: String, name: String)
    /// An address: a pod's, a node's, or an external one.
    case ip(IPAddress)
    /// Some address outside the cluster.
    case world

    /// Parses the command-line form: `namespace/pod`, an IP address, or `world`.
    public init?(_ text: String) {
        if text == "world" {
            self = .world
        } else if let address = IPAddress(text) {
            self = .ip(address)
        } else {
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
            self = .named(namespace: String(parts[0]), name: String(parts[1]))
        }
    }
}

/// Why an endpoint query names nothing in the snapshot.
public struct EndpointResolutionError: Error, Hashable, Sendable, CustomStringConvertible {
    public let query: String
    /// Pod and workload names of the same namespace that resemble the query.
    public let suggestions: [String]
    public let namespaceKnown: Bool

    public var description: String {
        var text = "the cluster snapshot has no pod or workload \(query)"
        if !namespaceKnown { text += " (it has no namespace \(query.split(separator: "/").first ?? ""))" }
        if !suggestions.isEmpty { text += "; did you mean " + suggestions.joined(separator: ", ") + "?" }
        return text
    }
}
