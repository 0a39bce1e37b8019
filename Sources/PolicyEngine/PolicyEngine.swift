import DenyscopeCore

/// Decides connections under a cluster's policies; compiled once, evaluated many times.
///
/// The engine is pure: it reads no files and keeps no clocks, so every command (explain, triage,
/// audit, suggest) gets the same answer for the same connection.
///
/// ```swift
/// let engine = PolicyEngine(cluster: state)
/// let from = try engine.resolve(.named(namespace: "shop", name: "frontend"))
/// let to = try engine.resolve(.named(namespace: "shop", name: "web"))
/// let decision = engine.evaluate(Connection(source: from, destination: to, protocol: .tcp, port: 80))
/// ```
public struct PolicyEngine: Sendable {
    let dialect: CompiledDialect
    let namespaces: NamespaceTable
    let directory: EndpointDirectory
    let services: ServiceDirectory
    /// Whether a pod's address can change a decision, beyond its identity (see `decisionClass`).
    let podAddressesMatter: Bool
    private let identities: IdentityTable
    /// The identity of each pod of `directory.pods` (nil for host-network pods), computed once.
    private let podIdentities: [Identity?]

    /// Compiles `cluster`: sorts and indexes policies by namespace, interns pod identities and
    /// computes, once per identity, which policies select it.
    ///
    /// - Parameters:
    ///   - cluster: the snapshot.
    ///   - options: the dialect whose semantics decide (Kubernetes by default).
    /// - Complexity: O(pods × policies of their namespace + cluster-wide policies), plus sorting.
    public init(cluster: ClusterState, options: EngineOptions = EngineOptions()) {
        let namespaces = NamespaceTable(cluster.namespaces)
        let dialect: CompiledDialect
        switch options.dialect {
        case .kubernetes:
            dialect = .kubernetes(PolicyTable(cluster.networkPolicies))
        case .cilium:
            dialect = .cilium(
                CiliumRuleTable(cilium: cluster.ciliumPolicies, kubernetes: cluster.networkPolicies), options.ciliumEnforcement)
        case .calico:
            dialect = .calico(CalicoTierTable(cluster: cluster))
        }
        let directory = EndpointDirectory(cluster: cluster)
        var identities = IdentityTable()
        podIdentities = directory.pods.map { pod in
            pod.hostNetwork ? nil : identities.intern(pod, dialect: dialect, namespaces: namespaces)
        }
        self.dialect = dialect
        self.namespaces = namespaces
        self.identities = identities
        self.directory = directory
        self.services = ServiceDirectory(cluster: cluster)
        self.podAddressesMatter = Self.podAddressesMatter(in: cluster, dialect: options.dialect)
    }

    /// The number of distinct pod identities and of policies compiled.
    public var statistics: (identities: Int, policies: Int, pods: Int) {
        (identities.count, dialect.policyCount, directory.podCount)
    }

    /// Finds the endpoint a query names.
    ///
    /// A name is a pod, or else a workload whose first pod (by name) stands for it. An address
    /// is a pod's (not host-network), a node's or a host-network pod's (`host`), or else external
    /// (`world`).
    /// - Throws: `EndpointResolutionError` when a name matches no pod or workload.
    public func resolve(_ query: EndpointQuery) throws(EndpointResolutionError) -> ResolvedEndpoint {
        switch query {
        case .world:
            return ResolvedEndpoint(endpoint: Endpoint(kind: .world), identity: nil)
        case .ip(let address):
            if let position = directory.position(of: address) {
                return podEndpoint(at: position, address: address)
            }
            let kind: Endpoint.Kind = directory.isHost(address) ? .host : .world
            return ResolvedEndpoint(endpoint: Endpoint(kind: kind, ip: address), identity: nil)
        case .named(let namespace, let name):
            guard let position = directory.position(namespace: namespace, name: name) else {
                throw EndpointResolutionError(
                    query: "\(namespace)/\(name)", suggestions: directory.suggestions(namespace: namespace, name: name),
                    namespaceKnown: namespaces.contains(namespace) || directory.hasNamespace(namespace))
            }
            return podEndpoint(at: position, address: directory.pods[position].ips.first)
        }
    }

    /// Decides a connection: both the source's egress and the destination's ingress must allow it.
    ///
    /// Never throws: every input has a decision. Near misses are computed only for denying sides,
    /// and only when asked: they cost more than the decision, and the matcher computes them once per
    /// group rather than once per flow.
    public func evaluate(_ connection: Connection, nearMisses wanted: Bool = true) -> Decision {
        let egress = dialect.decide(.egress, connection)
        let ingress = dialect.decide(.ingress, connection)
        var nearMisses: [NearMiss] = []
        for side in [egress, ingress] where wanted && side.verdict == .denied {
            nearMisses += dialect.nearMisses(side, connection)
        }
        return Decision(egress: egress, ingress: ingress, nearMisses: nearMisses)
    }

    func podEndpoint(at position: Int, address: IPAddress?) -> ResolvedEndpoint {
        let pod = directory.pods[position]
        let workload = directory.workload(at: position)
        guard let identity = podIdentities[position] else {
            let endpoint = Endpoint(
                kind: .host, namespace: pod.namespace, pod: pod.name, workload: workload, ip: address, labels: pod.labels)
            return ResolvedEndpoint(endpoint: endpoint, identity: nil, nodeAddress: pod.hostIP)
        }
        let endpoint = Endpoint(kind: .pod, namespace: pod.namespace, pod: pod.name, workload: workload, ip: address, labels: pod.labels)
        return ResolvedEndpoint(endpoint: endpoint, identity: identity, containerPorts: pod.containerPorts, nodeAddress: pod.hostIP)
    }
}
