import DenyscopeCore

/// Near misses of an end-of-tier deny: allow rules of the tier's applying policies that failed on
/// exactly one criterion. An explicit deny has none: only an allow placed before it could help.
enum CalicoNearMisses {
    static func find(_ side: SideDecision, _ connection: Connection, tiers: CalicoTierTable) -> [NearMiss] {
        guard side.reason == .endOfTier, let identity = connection.subject(side.direction).identity else { return [] }
        let matching = CalicoRuleMatching(networkSets: tiers.networkSets)
        var found: Set<NearMiss> = []
        for member in identity.isolatingPolicies(side.direction) where tiers.tiers[tiers[member].tier].name == side.tier {
            let policy = tiers[member]
            guard !policy.isStaged else { continue }
            switch policy.body {
            case .kubernetes(let kubernetes):
                for (index, rule) in kubernetes.rules(side.direction).enumerated() {
                    for mismatch in RuleMatching.nearMisses(rule, of: kubernetes, side.direction, connection) {
                        found.insert(NearMissFinder.nearMiss(mismatch, policy: policy.reference.rule(index), side.direction))
                    }
                }
            case .calico(let calico):
                for (index, rule) in calico.rules(side.direction).enumerated() where rule.action == .allow {
                    var counter = MismatchCounter(limit: 2)
                    matching.record(rule, scope: calico.namespace, connection, into: &counter)
                    if counter.count == 1, let mismatch = counter.first {
                        found.insert(NearMissFinder.nearMiss(mismatch, policy: policy.reference.rule(index), side.direction))
                    }
                }
            }
        }
        return found.sorted()
    }
}
