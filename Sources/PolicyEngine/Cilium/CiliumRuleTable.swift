import DenyscopeCore

/// One rule as the Cilium engine evaluates it: what it selects, its peer rules per direction with
/// the index each reports, and the policy it came from. An immutable object, so that reading one
/// from the table during an evaluation is one reference, not a copy of its lists.
final class CompiledCiliumRule: Sendable {
    /// A peer rule and the rule index it reports (a translated Kubernetes rule keeps its own index).
    struct Entry: Sendable {
        let rule: CiliumPeerRule
        let index: Int
    }

    let reference: PolicyReference
    /// `nil` for clusterwide rules.
    let namespace: String?
    let selector: LabelSelector?
    let ingress: [Entry]
    let ingressDeny: [Entry]
    let egress: [Entry]
    let egressDeny: [Entry]
    let defaultDenyIngress: Bool
    let defaultDenyEgress: Bool

    init(
        reference: PolicyReference, namespace: String?, selector: LabelSelector?, ingress: [Entry], ingressDeny: [Entry],
        egress: [Entry], egressDeny: [Entry], defaultDenyIngress: Bool, defaultDenyEgress: Bool
    ) {
        self.reference = reference
        self.namespace = namespace
        self.selector = selector
        self.ingress = ingress
        self.ingressDeny = ingressDeny
        self.egress = egress
        self.egressDeny = egressDeny
        self.defaultDenyIngress = defaultDenyIngress
        self.defaultDenyEgress = defaultDenyEgress
    }

    func entries(_ direction: Direction, deny: Bool) -> [Entry] {
        switch (direction, deny) {
        case (.ingress, false): return ingress
        case (.ingress, true): return ingressDeny
        case (.egress, false): return egress
        case (.egress, true): return egressDeny
        }
    }

    func entersDefaultDeny(_ direction: Direction) -> Bool {
        direction == .ingress ? defaultDenyIngress : defaultDenyEgress
    }

    func hasRules(_ direction: Direction) -> Bool {
        !entries(direction, deny: false).isEmpty || !entries(direction, deny: true).isEmpty
    }

    /// Whether the allow list of `direction` can admit anything (a translated deny-all has one
    /// empty rule that admits nothing).
    func admitsSomething(_ direction: Direction) -> Bool {
        entries(direction, deny: false).contains { entry in
            if case .unspecified = entry.rule.peers { return !entry.rule.ports.isEmpty || !entry.rule.icmps.isEmpty }
            return true
        }
    }
}

/// Every Cilium rule in scope (CiliumNetworkPolicies, CiliumClusterwideNetworkPolicies and
/// Kubernetes NetworkPolicies as Cilium translates them), in a canonical order and indexed by
/// namespace with cluster-wide rules apart (Cilium's `rulesByNamespace`). An immutable object, as
/// `CalicoTierTable` is.
final class CiliumRuleTable: Sendable {
    private let rules: [CompiledCiliumRule]
    private let byNamespace: [String: [Int]]
    private let clusterwide: [Int]

    init(cilium: [CiliumPolicy], kubernetes: [KubernetesNetworkPolicy]) {
        var compiled: [CompiledCiliumRule] = []
        for policy in cilium {
            let base = PolicyReference(kind: policy.kind, namespace: policy.namespace, name: policy.name)
            for rule in policy.rules {
                compiled.append(Self.compile(rule, reference: base.withSpec(rule.specIndex), namespace: policy.namespace))
            }
        }
        compiled += kubernetes.map(KubernetesToCilium.translate)
        compiled.sort { $0.reference < $1.reference }
        rules = compiled
        var byNamespace: [String: [Int]] = [:]
        var clusterwide: [Int] = []
        for (index, rule) in compiled.enumerated() {
            if let namespace = rule.namespace { byNamespace[namespace, default: []].append(index) } else { clusterwide.append(index) }
        }
        self.byNamespace = byNamespace
        self.clusterwide = clusterwide
    }

    subscript(index: Int) -> CompiledCiliumRule { rules[index] }

    var count: Int { rules.count }

    /// The rules that select a pod and have rules in each direction.
    func selecting(namespace: String, ciliumLabels: LabelSet) -> (ingress: [Int], egress: [Int]) {
        var ingress: [Int] = []
        var egress: [Int] = []
        for index in (byNamespace[namespace] ?? []) + clusterwide {
            guard let selector = rules[index].selector, CiliumLabels.matches(selector, ciliumLabels) else { continue }
            if rules[index].hasRules(.ingress) { ingress.append(index) }
            if rules[index].hasRules(.egress) { egress.append(index) }
        }
        return (ingress.sorted(), egress.sorted())
    }

    private static func compile(_ rule: CiliumRule, reference: PolicyReference, namespace: String?) -> CompiledCiliumRule {
        func entries(_ rules: [CiliumPeerRule]) -> [CompiledCiliumRule.Entry] {
            rules.enumerated().map { CompiledCiliumRule.Entry(rule: $0.element, index: $0.offset) }
        }
        return CompiledCiliumRule(
            reference: reference, namespace: namespace, selector: rule.endpointSelector, ingress: entries(rule.ingress),
            ingressDeny: entries(rule.ingressDeny), egress: entries(rule.egress), egressDeny: entries(rule.egressDeny),
            defaultDenyIngress: rule.entersDefaultDeny(.ingress), defaultDenyEgress: rule.entersDefaultDeny(.egress))
    }
}

extension PolicyReference {
    func withSpec(_ spec: Int?) -> PolicyReference {
        PolicyReference(kind: kind, namespace: namespace, name: name, tier: tier, rule: rule, section: section, spec: spec)
    }
}
