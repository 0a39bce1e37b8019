import DenyscopeCore

/// Near misses of a side Cilium denied by default: allow rules of the selecting policies that
/// failed on exactly one constraint. An explicit deny has none: no allow rule can beat it.
enum CiliumNearMisses {
    static func find(_ side: SideDecision, _ connection: Connection, rules: CiliumRuleTable) -> [NearMiss] {
        guard side.reason == .defaultDeny, let identity = connection.subject(side.direction).identity else { return [] }
        let selecting = identity.isolatingPolicies(side.direction)
        let requires = CiliumSideEvaluation.requires(selecting, side.direction, rules)
        var found: Set<NearMiss> = []
        for index in selecting {
            let rule = rules[index]
            for entry in rule.entries(side.direction, deny: false) where admitsSomething(entry.rule) {
                var counter = MismatchCounter(limit: 2)
                CiliumRuleMatching.record(entry.rule, requires: requires, side.direction, connection, into: &counter)
                if counter.count == 1, let mismatch = counter.first {
                    found.insert(NearMissFinder.nearMiss(mismatch, policy: rule.reference.rule(entry.index), side.direction))
                }
            }
        }
        return found.sorted()
    }

    /// An empty rule (no peer field, no L4 part) or an empty peer list admits nothing: it is never "almost" matched.
    private static func admitsSomething(_ rule: CiliumPeerRule) -> Bool {
        switch rule.peers {
        case .unspecified: return !rule.ports.isEmpty || !rule.icmps.isEmpty
        case .endpoints(let selectors): return !selectors.isEmpty
        default: return true
        }
    }
}
