import DenyscopeCore

/// Matches a NetworkPolicy rule against a connection: a rule allows when its port list covers the
/// connection and at least one of its peers covers the other end (an empty peer list covers all).
enum RuleMatching {
    static func matches(_ rule: NetworkPolicyRule, of policy: KubernetesNetworkPolicy, _ direction: Direction, _ connection: Connection)
        -> Bool
    {
        if PortMatching.mismatch(rule.ports, connection: connection) != nil { return false }
        if rule.peers.isEmpty { return true }
        let peer = connection.peer(direction)
        return rule.peers.contains { candidate in
            var counter = MismatchCounter.matchOnly
            PeerMatching.record(candidate, policyNamespace: policy.namespace, endpoint: peer, into: &counter)
            return counter.count == 0
        }
    }

    /// The single failed constraint of each way this rule almost matched (one per peer at most);
    /// empty when every peer fails on two or more constraints.
    static func nearMisses(_ rule: NetworkPolicyRule, of policy: KubernetesNetworkPolicy, _ direction: Direction, _ connection: Connection)
        -> [Mismatch]
    {
        let portMismatch = PortMatching.mismatch(rule.ports, connection: connection)
        if rule.peers.isEmpty { return portMismatch.map { [$0] } ?? [] }
        let peer = connection.peer(direction)
        var found: [Mismatch] = []
        for candidate in rule.peers {
            var counter = MismatchCounter(limit: 2)
            if let portMismatch { counter.record(portMismatch) }
            PeerMatching.record(candidate, policyNamespace: policy.namespace, endpoint: peer, into: &counter)
            if counter.count == 1, let only = counter.first { found.append(only) }
        }
        return found
    }
}
