/// A Service: its selector and cluster IPs, so that traffic to a ClusterIP can be traced to pods.
public struct Service: Hashable, Sendable {
    public let namespace: String
    public let name: String
    /// `spec.selector`; `nil` for a Service without selector (endpoints managed by hand).
    public let selector: [String: String]?
    public let clusterIPs: [IPAddress]
    public let ports: [ServicePort]

    public init(namespace: String, name: String, selector: [String: String]?, clusterIPs: [IPAddress], ports: [ServicePort]) {
        self.namespace = namespace
        self.name = name
        self.selector = selector
        self.clusterIPs = clusterIPs
        self.ports = ports
    }
}

/// One port of a Service and the pod port it forwards to.
public struct ServicePort: Hashable, Sendable {
    public let name: String?
    public let port: UInt16
    public let `protocol`: IPProtocol
    /// `targetPort`: a number, or a container port name resolved on each backend pod.
    public let targetPort: PortValue

    public init(name: String?, port: UInt16, protocol: IPProtocol, targetPort: PortValue) {
        self.name = name
        self.port = port
        self.protocol = `protocol`
        self.targetPort = targetPort
    }
}

/// A port given by number or by container port name (Kubernetes `IntOrString`).
public enum PortValue: Hashable, Sendable, CustomStringConvertible {
    case number(UInt16)
    case named(String)

    public var description: String {
        switch self {
        case .number(let port): return String(port)
        case .named(let name): return name
        }
    }
}
