/// A `networking.k8s.io/v1` NetworkPolicy, after validation and defaulting.
///
/// Field meanings follow the API reference; the loader has already applied the API server's
/// defaults (namespace `default`, protocol TCP, `policyTypes` inference), so the engine trusts it.
public struct KubernetesNetworkPolicy: Hashable, Sendable {
    public let namespace: String
    public let name: String
    /// `spec.podSelector`: the pods of `namespace` this policy applies to; `{}` selects them all.
    public let podSelector: LabelSelector
    /// The directions this policy isolates. When `spec.policyTypes` is omitted, the API server sets
    /// `Ingress`, plus `Egress` when `spec.egress` has at least one rule (`egress: []` does not count).
    public let policyTypes: Set<Direction>
    /// `spec.ingress`: each rule allows some sources. `[]`, `null` and absent all mean "no rule".
    public let ingress: [NetworkPolicyRule]
    /// `spec.egress`: each rule allows some destinations.
    public let egress: [NetworkPolicyRule]

    public init(
        namespace: String, name: String, podSelector: LabelSelector, policyTypes: Set<Direction>,
        ingress: [NetworkPolicyRule] = [], egress: [NetworkPolicyRule] = []
    ) {
        self.namespace = namespace
        self.name = name
        self.podSelector = podSelector
        self.policyTypes = policyTypes
        self.ingress = ingress
        self.egress = egress
    }

    /// The rules of one direction.
    public func rules(_ direction: Direction) -> [NetworkPolicyRule] {
        direction == .ingress ? ingress : egress
    }
}

/// One ingress or egress rule: it allows a connection when the peer and the port both match.
public struct NetworkPolicyRule: Hashable, Sendable {
    /// `from` (ingress) or `to` (egress). Empty (`[]` or absent) matches every peer.
    public let peers: [NetworkPolicyPeer]
    /// Empty (`[]` or absent) matches every port and protocol.
    public let ports: [NetworkPolicyPort]

    public init(peers: [NetworkPolicyPeer] = [], ports: [NetworkPolicyPort] = []) {
        self.peers = peers
        self.ports = ports
    }
}

/// A peer of a rule: pods chosen by selectors, or an IP block. Never both (the API rejects that).
public enum NetworkPolicyPeer: Hashable, Sendable {
    /// `podSelector` alone: pods of the policy's namespace. `namespaceSelector` alone: every pod of the
    /// matching namespaces. Both: pods matching `pods` in namespaces matching `namespaces` (AND).
    case pods(pods: LabelSelector?, namespaces: LabelSelector?)
    /// `ipBlock`: addresses in `cidr` but in none of `except`.
    case ipBlock(cidr: CIDR, except: [CIDR])
}

/// One entry of a rule's `ports`.
public struct NetworkPolicyPort: Hashable, Sendable {
    public let `protocol`: IPProtocol
    /// A number or a named container port; `nil` means every port of `protocol`.
    public let port: PortValue?
    /// With a numeric `port`: the last port of the range `port...endPort`.
    public let endPort: UInt16?

    public init(protocol: IPProtocol = .tcp, port: PortValue? = nil, endPort: UInt16? = nil) {
        self.protocol = `protocol`
        self.port = port
        self.endPort = endPort
    }
}
