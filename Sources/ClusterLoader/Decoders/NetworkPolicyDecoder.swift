import DenyscopeCore

/// Decodes a `networking.k8s.io/v1` NetworkPolicy, applying the API server's defaults and
/// rejecting what its validation rejects.
enum NetworkPolicyDecoder {
    static func decode(_ object: Field) throws(InputError) -> KubernetesNetworkPolicy {
        let metadata = try ObjectMetadata(object)
        guard let spec = try object.optional("spec") else {
            throw object.error(.invalidField, "missing required field spec")
        }
        let podSelector = try spec.optional("podSelector").map(LabelSelectorDecoder.decode) ?? .everything
        let ingress = try rules(spec.optional("ingress"), peersKey: "from")
        let egress = try rules(spec.optional("egress"), peersKey: "to")
        let policyTypes = try decodePolicyTypes(spec.optional("policyTypes"), hasEgressRules: !egress.isEmpty)
        return KubernetesNetworkPolicy(
            namespace: metadata.namespace, name: metadata.name, podSelector: podSelector, policyTypes: policyTypes,
            ingress: ingress, egress: egress)
    }

    /// `policyTypes` as written, or the API server's default: `Ingress`, plus `Egress` when the
    /// policy has at least one egress rule (`egress: []` does not make it an egress policy).
    static func decodePolicyTypes(_ field: Field?, hasEgressRules: Bool) throws(InputError) -> Set<Direction> {
        guard let field, case let items = try field.list(), !items.isEmpty else {
            return hasEgressRules ? [.ingress, .egress] : [.ingress]
        }
        var types: Set<Direction> = []
        for item in items {
            switch try item.string() {
            case "Ingress": types.insert(.ingress)
            case "Egress": types.insert(.egress)
            case let other: throw item.error(.invalidValue, "unknown policy type \"\(other)\" (expected Ingress or Egress)")
            }
        }
        return types
    }

    private static func rules(_ field: Field?, peersKey: String) throws(InputError) -> [NetworkPolicyRule] {
        var rules: [NetworkPolicyRule] = []
        for rule in try field?.list() ?? [] {
            let peers = try rule.optional(peersKey)?.list().map(peer) ?? []
            let ports = try rule.optional("ports")?.list().map(port) ?? []
            rules.append(NetworkPolicyRule(peers: peers, ports: ports))
        }
        return rules
    }

    private static func peer(_ field: Field) throws(InputError) -> NetworkPolicyPeer {
        let pods = try field.optional("podSelector").map(LabelSelectorDecoder.decode)
        let namespaces = try field.optional("namespaceSelector").map(LabelSelectorDecoder.decode)
        if let block = try field.optional("ipBlock") {
            if pods != nil || namespaces != nil {
                throw field.error(.invalidValue, "may not specify both ipBlock and another peer")
            }
            return try ipBlock(block)
        }
        if pods == nil && namespaces == nil {
            throw field.error(.invalidValue, "must specify a peer (podSelector, namespaceSelector or ipBlock)")
        }
        return .pods(pods: pods, namespaces: namespaces)
    }

    private static func ipBlock(_ field: Field) throws(InputError) -> NetworkPolicyPeer {
        let cidrField = try field.required("cidr")
        guard let cidr = CIDR(try cidrField.string()) else {
            throw cidrField.error(.invalidValue, "invalid CIDR \"\(try cidrField.string())\"")
        }
        var except: [CIDR] = []
        for item in try field.optional("except")?.list() ?? [] {
            guard let block = CIDR(try item.string()) else {
                throw item.error(.invalidValue, "invalid CIDR \"\(try item.string())\"")
            }
            guard cidr.contains(block), block != cidr else {
                throw item.error(.invalidValue, "\(block) must be strictly within cidr \(cidr)")
            }
            except.append(block)
        }
        return .ipBlock(cidr: cidr, except: except)
    }

    private static func port(_ field: Field) throws(InputError) -> NetworkPolicyPort {
        let protocolField = try field.optional("protocol")
        var proto = IPProtocol.tcp
        if let protocolField {
            let name = try protocolField.string()
            guard let parsed = IPProtocol(rawValue: name), parsed.hasPorts else {
                throw protocolField.error(.invalidValue, "unsupported protocol \"\(name)\" (expected TCP, UDP or SCTP)")
            }
            proto = parsed
        }
        let portField = try field.optional("port")
        let port = try portField.map(PortValueDecoder.decode)
        var endPort: UInt16?
        if let endField = try field.optional("endPort") {
            guard case .number(let first) = port else {
                throw endField.error(.invalidValue, "endPort requires a numeric port")
            }
            let value = try endField.int()
            guard (1...65535).contains(value), value >= Int(first) else {
                throw endField.error(.invalidValue, "endPort \(value) must be between port \(first) and 65535")
            }
            endPort = UInt16(value)
        }
        return NetworkPolicyPort(protocol: proto, port: port, endPort: endPort)
    }
}

/// Decodes an `IntOrString` port: 1–65535, or an IANA service name as Kubernetes validates it.
enum PortValueDecoder {
    static func decode(_ field: Field) throws(InputError) -> PortValue {
        switch field.kind {
        case "integer":
            let value = try field.int()
            guard (1...65535).contains(value) else { throw field.error(.invalidValue, "port \(value) out of range 1-65535") }
            return .number(UInt16(value))
        case "string":
            let name = try field.string()
            guard isValidPortName(name) else {
                throw field.error(
                    .invalidValue,
                    "invalid port name \"\(name)\" (1-15 lowercase letters, digits and '-', with at least one letter)")
            }
            return .named(name)
        default:
            throw field.typeError(expected: "integer or string")
        }
    }

    /// RFC 6335 service names, as Kubernetes checks them.
    static func isValidPortName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (1...15).contains(bytes.count), bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-") else { return false }
        let allowed = bytes.allSatisfy {
            ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
                || $0 == UInt8(ascii: "-")
        }
        let hasLetter = bytes.contains { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
        return allowed && hasLetter && !name.contains("--")
    }
}
