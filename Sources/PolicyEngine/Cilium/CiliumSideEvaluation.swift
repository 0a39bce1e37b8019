import DenyscopeCore

/// Decides one side of a connection under Cilium's semantics (reference `cilium-policy.md` §12):
/// 1. enforcement `never` allows; `always` puts every endpoint into default deny;
/// 2. a matching deny rule of a selecting policy denies (deny wins over every allow);
/// 3. else a matching allow rule (Cilium or Kubernetes) allows;
/// 4. else traffic from the local host is allowed (Cilium's default `allow-localhost`);
/// 5. else the endpoint is in default deny when a selecting policy has rules in this direction and
///    does not set `enableDefaultDeny` to false for it; otherwise it is not isolated.
enum CiliumSideEvaluation {
    static func decide(_ direction: Direction, _ connection: Connection, rules: CiliumRuleTable, enforcement: CiliumEnforcement)
        -> SideDecision
    {
        let subject = connection.subject(direction)
        guard let identity = subject.identity, enforcement != .never else {
            return SideDecision(direction: direction, verdict: .allowed, reason: .notIsolated)
        }
        let selecting = identity.isolatingPolicies(direction)
        let requires = self.requires(selecting, direction, rules)
        var denying: [PolicyReference] = []
        var allowing: [PolicyReference] = []
        var proxied = false
        for index in selecting {
            let rule = rules[index]
            for entry in rule.entries(direction, deny: true)
            where CiliumRuleMatching.matches(entry.rule, requires: requires, direction, connection) {
                denying.append(rule.reference.rule(entry.index, section: direction.rawValue + "Deny"))
            }
        }
        if !denying.isEmpty {
            return SideDecision(direction: direction, verdict: .denied, reason: .explicitDeny, policies: denying)
        }
        for index in selecting {
            let rule = rules[index]
            for entry in rule.entries(direction, deny: false)
            where CiliumRuleMatching.matches(entry.rule, requires: requires, direction, connection) {
                allowing.append(rule.reference.rule(entry.index))
                proxied = proxied || entry.rule.hasL7Rules
            }
        }
        if !allowing.isEmpty {
            let note = proxied ? "L7 rules apply on this port: the proxy allows or denies each request" : nil
            return SideDecision(direction: direction, verdict: .allowed, reason: .allowedBy, policies: allowing, note: note)
        }
        if direction == .ingress, CiliumLabels.of(connection.source, from: subject)["reserved:host"] != nil {
            return SideDecision(
                direction: direction, verdict: .allowed, reason: .allowedBy,
                note: "Cilium allows traffic from the local host to its endpoints (allow-localhost)")
        }
        let isolating = selecting.filter { rules[$0].entersDefaultDeny(direction) }
        guard enforcement == .always || !isolating.isEmpty else {
            return SideDecision(direction: direction, verdict: .allowed, reason: .notIsolated)
        }
        return SideDecision(
            direction: direction, verdict: .denied, reason: .defaultDeny, policies: isolating.map { rules[$0].reference },
            note: enforcement == .always && isolating.isEmpty
                ? "policy enforcement mode always" : DenySectionHint.hint(isolating, direction, rules),
            policiesWithoutRules: isolating.filter { !rules[$0].admitsSomething(direction) }.map { rules[$0].reference })
    }

    /// `fromRequires`/`toRequires` of every selecting policy: ANDed into every endpoint selector.
    static func requires(_ selecting: [Int], _ direction: Direction, _ rules: CiliumRuleTable) -> [LabelRequirement] {
        selecting.flatMap { index in
            (rules[index].entries(direction, deny: false) + rules[index].entries(direction, deny: true)).flatMap(\.rule.requires)
        }
    }
}

/// The fix hint for the classic surprise of Cilium deny policies: a policy with only
/// `ingressDeny` (or `egressDeny`) rules still puts the endpoints it selects into default deny.
enum DenySectionHint {
    static func hint(_ isolating: [Int], _ direction: Direction, _ rules: CiliumRuleTable) -> String? {
        let denyOnly = isolating.map { rules[$0] }.filter {
            $0.entries(direction, deny: false).isEmpty && $0.reference.kind != .networkPolicy
        }
        guard let rule = denyOnly.first else { return nil }
        let subject = rule.selector.map(CiliumLabels.describe) ?? "{}"
        let denied = rule.entries(direction, deny: true).map { entry -> String in
            if case .endpoints(let selectors) = entry.rule.peers { return selectors.map(CiliumLabels.describe).joined(separator: ", ") }
            if case .entities(let entities) = entry.rule.peers { return entities.map(\.rawValue).joined(separator: ", ") }
            if case .cidrs(let blocks) = entry.rule.peers { return blocks.map(\.description).joined(separator: ", ") }
            return "the denied peers"
        }
        let section = direction.rawValue + "Deny"
        return "\(rule.reference): this policy's \(section) section puts \(subject) into \(direction.rawValue) default deny; "
            + "to deny only \(denied.joined(separator: ", ")), set `enableDefaultDeny: {\(direction.rawValue): false}` (Cilium ≥ 1.16) "
            + "or add an \(direction.rawValue) allow rule"
    }
}
