import DenyscopeCore

/// Translates a Kubernetes NetworkPolicy into a Cilium rule as Cilium's `pkg/k8s/network_policy.go`
/// does: selectors gain the `k8s:` source and the namespace, each peer becomes its own peer rule
/// (keeping the Kubernetes rule index), an `ipBlock` becomes a CIDR set (which never matches pods),
/// a rule without peers admits every peer (reserved identities included), and a policy type
/// without rules becomes one empty rule that admits nothing but enters default deny.
enum KubernetesToCilium {
    static func translate(_ policy: KubernetesNetworkPolicy) -> CompiledCiliumRule {
        let reference = PolicyReference(kind: .networkPolicy, namespace: policy.namespace, name: policy.name)
        let selector = LabelSelector(
            requirements: prefixed(policy.podSelector).requirements
                + [LabelRequirement(key: CiliumLabels.namespaceKey, operator: .equals(policy.namespace))])
        func entries(_ direction: Direction) -> [CompiledCiliumRule.Entry] {
            guard policy.policyTypes.contains(direction) else { return [] }
            let rules = policy.rules(direction)
            if rules.isEmpty { return [CompiledCiliumRule.Entry(rule: CiliumPeerRule(peers: .unspecified), index: 0)] }
            return rules.enumerated().flatMap { index, rule in
                let ports = rule.ports.map { CiliumPort(port: $0.port, endPort: $0.endPort, protocol: $0.protocol) }
                let peers: [CiliumPeerRule.Peers] =
                    rule.peers.isEmpty ? [.endpoints([.everything])] : rule.peers.map { peer(for: $0, namespace: policy.namespace) }
                return peers.map { CompiledCiliumRule.Entry(rule: CiliumPeerRule(peers: $0, ports: ports), index: index) }
            }
        }
        return CompiledCiliumRule(
            reference: reference, namespace: policy.namespace, selector: selector, ingress: entries(.ingress), ingressDeny: [],
            egress: entries(.egress), egressDeny: [], defaultDenyIngress: policy.policyTypes.contains(.ingress),
            defaultDenyEgress: policy.policyTypes.contains(.egress))
    }

    private static func peer(for peer: NetworkPolicyPeer, namespace: String) -> CiliumPeerRule.Peers {
        switch peer {
        case .ipBlock(let cidr, let except):
            return .cidrs([CIDRBlock(cidr: cidr, except: except)])
        case .pods(let pods, let namespaces):
            var requirements = pods.map(prefixed)?.requirements ?? []
            if let namespaces {
                if namespaces.selectsEverything {
                    requirements.append(LabelRequirement(key: CiliumLabels.namespaceKey, operator: .exists))
                } else {
                    requirements += namespaces.requirements.map {
                        LabelRequirement(key: CiliumLabels.namespaceLabelPrefix + $0.key, operator: $0.operator)
                    }
                }
            } else {
                requirements.append(LabelRequirement(key: CiliumLabels.namespaceKey, operator: .equals(namespace)))
            }
            return .endpoints([LabelSelector(requirements: requirements)])
        }
    }

    private static func prefixed(_ selector: LabelSelector) -> LabelSelector {
        LabelSelector(requirements: selector.requirements.map { LabelRequirement(key: "k8s:" + $0.key, operator: $0.operator) })
    }
}
