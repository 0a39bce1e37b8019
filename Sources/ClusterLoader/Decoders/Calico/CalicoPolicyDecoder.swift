import DenyscopeCore

/// Decodes Calico policies (`projectcalico.org/v3`, or the `crd.projectcalico.org/v1` form that
/// `kubectl get` prints), applying Calico's defaults for `tier` and `types`.
enum CalicoPolicyDecoder {
    static func decode(_ object: Field, kind: PolicyKind) throws(InputError) -> CalicoPolicy {
        let metadata = try ObjectMetadata(object)
        let global = kind == .globalNetworkPolicy || kind == .stagedGlobalNetworkPolicy || kind == .profile
        guard let spec = try object.optional("spec") else { throw object.error(.invalidField, "missing required field spec") }
        let ingress = try rules(spec.optional("ingress"))
        let egress = try rules(spec.optional("egress"))
        var types: Set<Direction> = []
        if let written = try spec.optional("types")?.list(), !written.isEmpty {
            for item in written {
                switch try item.string() {
                case "Ingress": types.insert(.ingress)
                case "Egress": types.insert(.egress)
                case let other: throw item.error(.invalidValue, "unknown policy type \"\(other)\" (expected Ingress or Egress)")
                }
            }
        } else {
            // Calico's default: only egress rules ⇒ Egress; both ⇒ both; otherwise Ingress.
            if !ingress.isEmpty || egress.isEmpty { types.insert(.ingress) }
            if !egress.isEmpty { types.insert(.egress) }
        }
        let orderField = try spec.optional("order")
        let order = try orderField?.number()
        return CalicoPolicy(
            kind: kind, namespace: global ? nil : metadata.namespace, name: metadata.name,
            tier: try spec.optional("tier")?.string() ?? "default", order: order,
            selector: try CalicoSelectorField.decode(spec.optional("selector")) ?? .all,
            namespaceSelector: global ? try CalicoSelectorField.decode(spec.optional("namespaceSelector")) : nil,
            types: types, ingress: ingress, egress: egress)
    }

    /// Whether a staged policy stages a change to apply (`stagedAction` Set, the default).
    static func stagesSet(_ object: Field) throws(InputError) -> Bool {
        let action = try object.optional("spec")?.optional("stagedAction")?.string() ?? "Set"
        return action == "Set"
    }

    private static func rules(_ field: Field?) throws(InputError) -> [CalicoRule] {
        var rules: [CalicoRule] = []
        for item in try field?.list() ?? [] { rules.append(try CalicoRuleDecoder.decode(item)) }
        return rules
    }
}

/// Decodes a Calico selector string, turning a syntax error into a located input error that names
/// the column.
enum CalicoSelectorField {
    static func decode(_ field: Field?) throws(InputError) -> CalicoSelector? {
        guard let field else { return nil }
        let text = try field.text()
        do {
            return try CalicoSelector(parsing: text)
        } catch {
            throw field.error(.invalidValue, "invalid selector \"\(text)\": \(error)")
        }
    }
}

/// Decodes a `Tier`, a `NetworkSet` or a `GlobalNetworkSet`.
enum CalicoObjectDecoders {
    static func tier(_ object: Field) throws(InputError) -> CalicoTier {
        let metadata = try ObjectMetadata(object)
        let spec = try object.optional("spec")
        let orderField = try spec?.optional("order")
        let actionField = try spec?.optional("defaultAction")
        var action = CalicoTier.DefaultAction.deny
        if let actionField {
            guard let parsed = CalicoTier.DefaultAction(rawValue: try actionField.string()) else {
                throw actionField.error(.invalidValue, "defaultAction must be Deny or Pass")
            }
            action = parsed
        }
        return CalicoTier(name: metadata.name, order: try orderField?.number(), defaultAction: action)
    }

    static func networkSet(_ object: Field, global: Bool) throws(InputError) -> CalicoNetworkSet {
        let metadata = try ObjectMetadata(object)
        var nets: [CIDR] = []
        for item in try object.optional("spec")?.optional("nets")?.list() ?? [] { nets.append(try CalicoRuleDecoder.cidr(item)) }
        return CalicoNetworkSet(namespace: global ? nil : metadata.namespace, name: metadata.name, labels: metadata.labels, nets: nets)
    }
}
