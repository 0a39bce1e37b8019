import DenyscopeCore

/// The policies of one dialect, compiled; the engine asks it which policies select an identity
/// and how a side of a connection is decided.
enum CompiledDialect: Sendable {
    case kubernetes(PolicyTable)
    case cilium(CiliumRuleTable, CiliumEnforcement)
    case calico(CalicoTierTable)

    /// The indexes of the policies that select a pod and govern each direction (its policy lists
    /// are not filled in yet).
    func selecting(_ identity: Identity) -> (ingress: [Int], egress: [Int]) {
        switch self {
        case .kubernetes(let policies):
            var ingress: [Int] = []
            var egress: [Int] = []
            for index in policies.indexes(inNamespace: identity.namespace) {
                let policy = policies[index].policy
                guard policy.podSelector.matches(identity.labels) else { continue }
                if policy.policyTypes.contains(.ingress) { ingress.append(index) }
                if policy.policyTypes.contains(.egress) { egress.append(index) }
            }
            return (ingress, egress)
        case .cilium(let rules, _):
            return rules.selecting(namespace: identity.namespace, ciliumLabels: identity.ciliumLabels)
        case .calico(let tiers):
            return (tiers.selecting(identity, .ingress), tiers.selecting(identity, .egress))
        }
    }

    func decide(_ direction: Direction, _ connection: Connection) -> SideDecision {
        switch self {
        case .kubernetes(let policies): return SideEvaluation.decide(direction, connection, policies: policies)
        case .cilium(let rules, let enforcement):
            return CiliumSideEvaluation.decide(direction, connection, rules: rules, enforcement: enforcement)
        case .calico(let tiers): return CalicoSideEvaluation.decide(direction, connection, tiers: tiers)
        }
    }

    func nearMisses(_ side: SideDecision, _ connection: Connection) -> [NearMiss] {
        switch self {
        case .kubernetes(let policies): return NearMissFinder.nearMisses(side.direction, connection, policies: policies)
        case .cilium(let rules, _): return CiliumNearMisses.find(side, connection, rules: rules)
        case .calico(let tiers): return CalicoNearMisses.find(side, connection, tiers: tiers)
        }
    }

    var policyCount: Int {
        switch self {
        case .kubernetes(let policies): return policies.count
        case .cilium(let rules, _): return rules.count
        case .calico(let tiers): return tiers.count
        }
    }
}
