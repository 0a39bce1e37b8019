import DenyscopeCore

/// What an evaluation reads of an endpoint: two endpoints of one class get the same decision
/// (near misses aside) for the same peer, protocol and port, so a cache can key decisions by class
/// instead of by pod — replicas of a workload share one evaluation.
public struct DecisionClass: Hashable, Sendable {
    let identity: Identity?
    let kind: Endpoint.Kind
    /// The address, when it can change a decision: always for hosts and external addresses; for
    /// pods only when some rule matches pod addresses (`PolicyEngine.podAddressesMatter`).
    let address: IPAddress?
    /// Whether there is an address, and its family (Calico `ipVersion`), kept in every case.
    let hasAddress: Bool
    let isIPv6: Bool
    /// The pod's node, when asked for: it decides only against a host at the other end (own-node
    /// rule, Cilium `host` versus `remote-node`).
    let nodeAddress: IPAddress?
    /// Named ports resolve against these when the endpoint is the destination.
    let containerPorts: [ContainerPort]
}

extension PolicyEngine {
    /// The class of `endpoint`: equal classes, equal decisions.
    ///
    /// - Parameter includingNode: whether the pod's node is part of the class. Only a connection
    ///   with a host (`Endpoint.Kind.host`) at either end needs it; without it, replicas on
    ///   different nodes share a class.
    public func decisionClass(of endpoint: ResolvedEndpoint, includingNode: Bool) -> DecisionClass {
        let addressMatters = endpoint.identity == nil || podAddressesMatter
        var isIPv6 = false
        if case .v6 = endpoint.ip { isIPv6 = true }
        return DecisionClass(
            identity: endpoint.identity, kind: endpoint.endpoint.kind, address: addressMatters ? endpoint.ip : nil,
            hasAddress: endpoint.ip != nil, isIPv6: isIPv6,
            nodeAddress: includingNode ? endpoint.nodeAddress : nil, containerPorts: endpoint.containerPorts)
    }

    /// Whether some rule of `cluster` matches addresses a pod can have, under `dialect`: a
    /// Kubernetes `ipBlock` (pods' addresses fall in it too), Calico `nets`/`notNets` or network
    /// sets. Cilium's CIDR selectors never select pods.
    static func podAddressesMatter(in cluster: ClusterState, dialect: EngineOptions.Dialect) -> Bool {
        func hasIPBlock(_ policies: [KubernetesNetworkPolicy]) -> Bool {
            policies.contains { policy in
                (policy.ingress + policy.egress).contains { rule in
                    rule.peers.contains { if case .ipBlock = $0 { return true } else { return false } }
                }
            }
        }
        switch dialect {
        case .kubernetes:
            return hasIPBlock(cluster.networkPolicies)
        case .cilium:
            return false
        case .calico:
            let calicoNets = (cluster.calicoPolicies + cluster.calicoProfiles).contains { policy in
                (policy.ingress + policy.egress).contains { rule in
                    [rule.source, rule.destination].contains { !$0.nets.isEmpty || !$0.notNets.isEmpty }
                }
            }
            return calicoNets || !cluster.calicoNetworkSets.isEmpty || hasIPBlock(cluster.networkPolicies)
                || hasIPBlock(cluster.stagedKubernetesPolicies)
        }
    }
}
