import DenyscopeCore

/// Decodes a CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy (`cilium.io/v2`), validating it
/// once as Cilium's `Sanitize` would, and applying Cilium's namespace injection.
enum CiliumPolicyDecoder {
    static func decode(_ object: Field, kind: PolicyKind) throws(InputError) -> CiliumPolicy {
        let metadata = try ObjectMetadata(object)
        let namespace = kind == .ciliumNetworkPolicy ? metadata.namespace : nil
        var rules: [CiliumRule] = []
        if let spec = try object.optional("spec") {
            rules.append(try rule(spec, specIndex: nil, namespace: namespace))
        }
        for (index, spec) in (try object.optional("specs")?.list() ?? []).enumerated() {
            rules.append(try rule(spec, specIndex: index, namespace: namespace))
        }
        if rules.isEmpty { throw object.error(.invalidField, "needs spec or specs") }
        return CiliumPolicy(kind: kind, namespace: namespace, name: metadata.name, rules: rules)
    }

    private static let ruleFields: Set<String> = [
        "endpointSelector", "nodeSelector", "ingress", "ingressDeny", "egress", "egressDeny", "enableDefaultDeny", "labels",
        "description", "log",
    ]

    private static func rule(_ field: Field, specIndex: Int?, namespace: String?) throws(InputError) -> CiliumRule {
        for (key, value) in try field.entries() where !ruleFields.contains(key) {
            throw value.error(.invalidField, "unknown field \"\(key)\" in a Cilium rule")
        }
        let endpointField = try field.optional("endpointSelector")
        let nodeField = try field.optional("nodeSelector")
        if endpointField != nil && nodeField != nil {
            throw field.error(.invalidValue, "endpointSelector and nodeSelector are mutually exclusive")
        }
        if endpointField == nil && nodeField == nil {
            throw field.error(.invalidField, "needs endpointSelector or nodeSelector")
        }
        if nodeField != nil && namespace != nil {
            throw nodeField.map { $0.error(.invalidValue, "nodeSelector can only be used in CiliumClusterwideNetworkPolicies") }
                ?? field.error(.invalidValue, "nodeSelector")
        }
        var endpointSelector: LabelSelector?
        if let endpointField {
            let selector = CiliumLabelKeys.normalize(try LabelSelectorDecoder.decode(endpointField))
            endpointSelector = CiliumLabelKeys.restrictToNamespace(selector, namespace)
        }
        let defaults = try field.optional("enableDefaultDeny")
        func peerRules(_ key: String, direction: Direction, deny: Bool) throws(InputError) -> [CiliumPeerRule] {
            var rules: [CiliumPeerRule] = []
            for item in try field.optional(key)?.list() ?? [] {
                rules.append(try CiliumPeerRuleDecoder.decode(item, direction: direction, deny: deny, namespace: namespace))
            }
            return rules
        }
        return CiliumRule(
            specIndex: specIndex, endpointSelector: endpointSelector,
            ingress: try peerRules("ingress", direction: .ingress, deny: false),
            ingressDeny: try peerRules("ingressDeny", direction: .ingress, deny: true),
            egress: try peerRules("egress", direction: .egress, deny: false),
            egressDeny: try peerRules("egressDeny", direction: .egress, deny: true),
            enableDefaultDenyIngress: try defaults?.optional("ingress")?.bool(),
            enableDefaultDenyEgress: try defaults?.optional("egress")?.bool())
    }
}
