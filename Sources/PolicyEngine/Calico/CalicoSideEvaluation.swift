import DenyscopeCore

/// Decides one side of a connection as Felix renders Calico policy (reference `calico-policy.md` §5):
/// tiers in order; in each tier that has policies applying to the endpoint, policies in order and
/// their rules in order — `Allow` and `Deny` decide, `Log` goes on, `Pass` leaves the tier; a tier
/// whose policies all fall through applies its default action (end-of-tier `Deny`, or `Pass`);
/// after the tiers the namespace profile `kns.<ns>` allows. Staged policies never decide; the
/// evaluation is repeated with them to report what they would deny (`staged`).
enum CalicoSideEvaluation {
    static func decide(_ direction: Direction, _ connection: Connection, tiers: CalicoTierTable) -> SideDecision {
        guard let identity = connection.subject(direction).identity else {
            return SideDecision(direction: direction, verdict: .allowed, reason: .notIsolated)
        }
        let applying = identity.isolatingPolicies(direction)
        let anyStaged = applying.contains { tiers[$0].isStaged }
        let enforced = evaluate(
            anyStaged ? applying.filter { !tiers[$0].isStaged } : applying, direction, connection, tiers, namespace: identity.namespace)
        guard enforced.verdict == .allowed, anyStaged else { return enforced }
        let withStaged = evaluate(applying, direction, connection, tiers, namespace: identity.namespace)
        guard withStaged.verdict == .denied else { return enforced }
        return SideDecision(
            direction: direction, verdict: .allowed, reason: .staged, policies: withStaged.policies, tier: withStaged.tier,
            note:
                "allowed today (\(enforced.reason.rawValue)); denied (\(withStaged.reason.rawValue)) once the staged policies are enforced")
    }

    /// The verdict of the given members (in evaluation order), tier by tier, then the profile.
    static func evaluate(
        _ members: [Int], _ direction: Direction, _ connection: Connection, _ tiers: CalicoTierTable, namespace: String
    ) -> SideDecision {
        let matching = CalicoRuleMatching(networkSets: tiers.networkSets)
        var index = 0
        while index < members.count {
            let tier = tiers[members[index]].tier
            var group: [Int] = []
            while index < members.count, tiers[members[index]].tier == tier {
                group.append(members[index])
                index += 1
            }
            var passed = false
            members: for member in group {
                let policy = tiers[member]
                switch policy.body {
                case .kubernetes(let kubernetes):
                    for (ruleIndex, rule) in kubernetes.rules(direction).enumerated()
                    where RuleMatching.matches(rule, of: kubernetes, direction, connection) {
                        return SideDecision(
                            direction: direction, verdict: .allowed, reason: .allowedBy, policies: [policy.reference.rule(ruleIndex)])
                    }
                case .calico:
                    let rules = policy.calicoRules(direction)
                    guard let ruleIndex = Self.firstMatch(in: rules, scope: policy.calicoScope, matching, connection) else { continue }
                    let reference = policy.reference.rule(ruleIndex)
                    switch rules[ruleIndex].action {
                    case .allow:
                        let note =
                            rules[ruleIndex].hasHTTPMatch ? "the rule also matches HTTP requests, which only the proxy can judge" : nil
                        return SideDecision(direction: direction, verdict: .allowed, reason: .allowedBy, policies: [reference], note: note)
                    case .deny:
                        return SideDecision(direction: direction, verdict: .denied, reason: .explicitDeny, policies: [reference])
                    case .pass, .log:
                        passed = true
                        break members
                    }
                }
            }
            if passed || tiers.tiers[tier].defaultAction == .pass { continue }
            let ranked = group.sorted { tiers.referenceRanks[$0] < tiers.referenceRanks[$1] }
            return SideDecision(
                direction: direction, verdict: .denied, reason: .endOfTier, sortedPolicies: ranked.map { tiers[$0].reference },
                tier: tiers.tiers[tier].name)
        }
        return profile(direction, connection, tiers, namespace: namespace, anyTierApplied: !members.isEmpty)
    }

    /// The index of the first rule, `Log` rules aside, that matches the connection. Rules are
    /// read in place: a rule is large, and copying each out of its array was a tenth of a run
    /// with thousands of policies.
    private static func firstMatch(
        in rules: [CalicoRule], scope: String?, _ matching: CalicoRuleMatching, _ connection: Connection
    ) -> Int? {
        rules.withUnsafeBufferPointer { rules in
            rules.indices.first { rules[$0].action != .log && matching.matches(rules[$0], scope: scope, connection) }
        }
    }

    /// After the tiers: the pod's profile `kns.<namespace>`. Kubernetes generates it with one Allow
    /// rule per direction; a snapshot's own `kns.<namespace>` Profile is evaluated rule by rule
    /// (first Allow or Deny decides; no match denies).
    private static func profile(
        _ direction: Direction, _ connection: Connection, _ tiers: CalicoTierTable, namespace: String, anyTierApplied: Bool
    ) -> SideDecision {
        let name = "kns.\(namespace)"
        let reference = PolicyReference(kind: .profile, namespace: nil, name: name)
        guard let profile = tiers.profiles[name] else {
            guard anyTierApplied else { return SideDecision(direction: direction, verdict: .allowed, reason: .notIsolated) }
            return SideDecision(
                direction: direction, verdict: .allowed, reason: .allowedBy, policies: [reference.rule(0)],
                note: "every tier that applies passed; the namespace profile allows")
        }
        let matching = CalicoRuleMatching(networkSets: tiers.networkSets)
        for (index, rule) in profile.rules(direction).enumerated()
        where (rule.action == .allow || rule.action == .deny) && matching.matches(rule, scope: nil, connection) {
            let allowed = rule.action == .allow
            return SideDecision(
                direction: direction, verdict: allowed ? .allowed : .denied, reason: allowed ? .allowedBy : .explicitDeny,
                policies: [reference.rule(index)])
        }
        return SideDecision(
            direction: direction, verdict: .denied, reason: .explicitDeny, policies: [reference],
            note: "no rule of profile \(name) matched")
    }
}
