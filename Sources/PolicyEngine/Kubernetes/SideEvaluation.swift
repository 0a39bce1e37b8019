import DenyscopeCore

/// Decides one side of a connection under Kubernetes NetworkPolicy semantics:
/// - an endpoint is isolated in a direction when a policy selecting it lists that policy type;
/// - a non-isolated side allows everything; an isolated side allows what any rule of any isolating
///   policy allows (a union: order never matters), and otherwise denies by default;
/// - a pod isolated for ingress still accepts connections from its own node (kubelet probes).
enum SideEvaluation {
    static func decide(_ direction: Direction, _ connection: Connection, policies: PolicyTable) -> SideDecision {
        let subject = connection.subject(direction)
        guard let identity = subject.identity else {
            return SideDecision(direction: direction, verdict: .allowed, reason: .notIsolated)
        }
        let isolating = identity.isolatingPolicies(direction)
        if isolating.isEmpty {
            return SideDecision(direction: direction, verdict: .allowed, reason: .notIsolated)
        }
        var allowing: [PolicyReference] = []
        for index in isolating {
            let compiled = policies[index]
            for (ruleIndex, rule) in compiled.policy.rules(direction).enumerated()
            where RuleMatching.matches(rule, of: compiled.policy, direction, connection) {
                allowing.append(compiled.reference.rule(ruleIndex))
            }
        }
        if !allowing.isEmpty {
            return SideDecision(direction: direction, verdict: .allowed, reason: .allowedBy, policies: allowing)
        }
        if direction == .ingress, isFromOwnNode(connection) {
            return SideDecision(
                direction: direction, verdict: .allowed, reason: .allowedBy,
                note: "connections from the pod's own node are always allowed")
        }
        let withoutRules = isolating.filter { policies[$0].policy.rules(direction).isEmpty }
        // Isolating policies are in table order, which is their references' order.
        return SideDecision(
            direction: direction, verdict: .denied, reason: .defaultDeny, sortedPolicies: isolating.map { policies[$0].reference },
            sortedPoliciesWithoutRules: withoutRules.map { policies[$0].reference })
    }

    private static func isFromOwnNode(_ connection: Connection) -> Bool {
        guard connection.source.endpoint.kind == .host, let source = connection.source.ip else { return false }
        return connection.destination.nodeAddress == source
    }
}
