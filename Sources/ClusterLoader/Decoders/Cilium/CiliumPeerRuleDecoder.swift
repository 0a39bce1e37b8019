import DenyscopeCore

/// Decodes one item of `ingress`, `ingressDeny`, `egress` or `egressDeny`.
enum CiliumPeerRuleDecoder {
    static func decode(_ field: Field, direction: Direction, deny: Bool, namespace: String?) throws(InputError) -> CiliumPeerRule {
        let side = direction == .ingress ? "from" : "to"
        let peerKeys =
            ["Endpoints", "Entities", "CIDR", "CIDRSet"].map { side + $0 } + (direction == .egress ? ["toServices", "toFQDNs"] : [])
        let known = Set(peerKeys + [side + "Requires", "toPorts", "icmps"])
        for (key, value) in try field.entries() where !known.contains(key) {
            if ["Nodes", "Groups"].contains(where: { key == side + $0 }) {
                throw value.error(.invalidValue, "\(key) is not supported by denyscope yet")
            }
            throw value.error(.invalidField, "unknown field \"\(key)\" in a Cilium \(direction.rawValue) rule")
        }
        var present: [(String, Field)] = []
        for key in peerKeys {
            if let value = try field.optional(key) { present.append((key, value)) }
        }
        if present.count > 1 {
            throw present[1].1.error(.invalidValue, "\(present[0].0) and \(present[1].0) are mutually exclusive in one rule")
        }
        let peers = try present.first.map { (key, value) throws(InputError) in try decodePeers(key, value, side: side, namespace: namespace)
        }
        var requires: [LabelRequirement] = []
        for selector in try field.optional(side + "Requires")?.list() ?? [] {
            requires += CiliumLabelKeys.normalize(try LabelSelectorDecoder.decode(selector)).requirements
        }
        var ports: [CiliumPort] = []
        var hasL7Rules = false
        for portRule in try field.optional("toPorts")?.list() ?? [] {
            for port in try portRule.optional("ports")?.list() ?? [] { ports.append(try decodePort(port)) }
            if let l7 = try portRule.optional("rules") {
                if deny { throw l7.error(.invalidValue, "deny rules cannot have L7 rules") }
                hasL7Rules = true
            }
        }
        var icmps: [CiliumICMP] = []
        for entry in try field.optional("icmps")?.list() ?? [] {
            for icmpField in try entry.optional("fields")?.list() ?? [] { icmps.append(try decodeICMP(icmpField)) }
        }
        return CiliumPeerRule(peers: peers ?? .unspecified, requires: requires, ports: ports, icmps: icmps, hasL7Rules: hasL7Rules)
    }

    private static func decodePeers(_ key: String, _ field: Field, side: String, namespace: String?) throws(InputError)
        -> CiliumPeerRule.Peers
    {
        switch key.dropFirst(side.count) {
        case "Endpoints":
            var selectors: [LabelSelector] = []
            for item in try field.list() {
                let selector = CiliumLabelKeys.normalize(try LabelSelectorDecoder.decode(item))
                selectors.append(CiliumLabelKeys.injectNamespace(into: selector, policyNamespace: namespace))
            }
            return .endpoints(selectors)
        case "Entities":
            var entities: [CiliumEntity] = []
            for item in try field.list() {
                let name = try item.string()
                guard let entity = CiliumEntity(rawValue: name) else {
                    let known = CiliumEntity.allCases.map(\.rawValue).joined(separator: ", ")
                    throw item.error(.invalidValue, "unknown entity \"\(name)\" (expected one of \(known))")
                }
                entities.append(entity)
            }
            return .entities(entities)
        case "CIDR":
            var blocks: [CIDRBlock] = []
            for item in try field.list() { blocks.append(CIDRBlock(cidr: try cidr(item))) }
            return .cidrs(blocks)
        case "CIDRSet":
            var blocks: [CIDRBlock] = []
            for item in try field.list() {
                let groupRef = try item.optional("cidrGroupRef")
                let groupSelector = try item.optional("cidrGroupSelector")
                if groupRef != nil || groupSelector != nil {
                    throw item.error(.invalidValue, "CIDR groups are not supported by denyscope yet")
                }
                let block = try cidr(item.required("cidr"))
                var except: [CIDR] = []
                for exception in try item.optional("except")?.list() ?? [] {
                    let excluded = try cidr(exception)
                    guard block.contains(excluded) else { throw exception.error(.invalidValue, "\(excluded) is not within cidr \(block)") }
                    except.append(excluded)
                }
                blocks.append(CIDRBlock(cidr: block, except: except))
            }
            return .cidrs(blocks)
        case "Services":
            var names: [String] = []
            for item in try field.list() {
                guard let service = try item.optional("k8sService") else {
                    throw item.error(.invalidValue, "only k8sService entries are supported in toServices")
                }
                let serviceNamespace = try service.optional("namespace")?.string() ?? namespace ?? "default"
                names.append("\(serviceNamespace)/\(try service.required("serviceName").string())")
            }
            return .services(names)
        default:  // FQDNs
            var patterns: [String] = []
            for item in try field.list() {
                let name = try item.optional("matchName")
                let wildcard = try item.optional("matchPattern")
                guard let pattern = name ?? wildcard else {
                    throw item.error(.invalidField, "needs matchName or matchPattern")
                }
                patterns.append(try pattern.string())
            }
            return .fqdns(patterns)
        }
    }

    private static func cidr(_ field: Field) throws(InputError) -> CIDR {
        let text = try field.string()
        guard let block = CIDR(text) else { throw field.error(.invalidValue, "invalid CIDR \"\(text)\"") }
        return block
    }

    /// `{port: "80" | 80 | "http" | "0", endPort, protocol: TCP|UDP|SCTP|ANY}`.
    private static func decodePort(_ field: Field) throws(InputError) -> CiliumPort {
        var proto: IPProtocol?
        if let protocolField = try field.optional("protocol") {
            let name = try protocolField.string()
            if name != "ANY" {
                guard let parsed = IPProtocol(rawValue: name), parsed.hasPorts else {
                    throw protocolField.error(
                        .invalidValue, "unsupported protocol \"\(name)\" (expected TCP, UDP, SCTP or ANY; ICMP goes in icmps)")
                }
                proto = parsed
            }
        }
        var port: PortValue?
        if let portField = try field.optional("port") {
            let text = try portField.text()
            if let number = Int(text) {
                guard (0...65535).contains(number) else { throw portField.error(.invalidValue, "port \(number) out of range 0-65535") }
                port = number == 0 ? nil : .number(UInt16(number))
            } else {
                let name = text.lowercased()
                guard PortValueDecoder.isValidPortName(name) else { throw portField.error(.invalidValue, "invalid port \"\(text)\"") }
                port = .named(name)
            }
        }
        var endPort: UInt16?
        if let endField = try field.optional("endPort") {
            let value = try endField.int()
            guard case .number(let first) = port else { throw endField.error(.invalidValue, "endPort requires a numeric port") }
            guard value >= Int(first), value <= 65535 else {
                throw endField.error(.invalidValue, "endPort \(value) must be between port \(first) and 65535")
            }
            endPort = UInt16(value)
        }
        return CiliumPort(port: port, endPort: endPort, protocol: proto)
    }

    /// `{family: IPv4|IPv6, type: 8 | EchoRequest}`.
    private static func decodeICMP(_ field: Field) throws(InputError) -> CiliumICMP {
        let family = try field.optional("family")?.string() ?? "IPv4"
        guard family == "IPv4" || family == "IPv6" else {
            throw field.error(.invalidValue, "unknown ICMP family \"\(family)\" (expected IPv4 or IPv6)")
        }
        let typeField = try field.required("type")
        let text = try typeField.text()
        let v6 = family == "IPv6"
        guard let type = UInt8(text) ?? ICMPTypeNames.type(named: text, v6: v6) else {
            throw typeField.error(.invalidValue, "unknown ICMP type \"\(text)\"")
        }
        return CiliumICMP(protocol: v6 ? .icmpv6 : .icmp, type: type)
    }
}

/// The CamelCase ICMP type names Cilium accepts, per address family.
enum ICMPTypeNames {
    static let v4: [String: UInt8] = [
        "EchoReply": 0, "DestinationUnreachable": 3, "Redirect": 5, "Echo": 8, "EchoRequest": 8, "RouterAdvertisement": 9,
        "RouterSelection": 10, "TimeExceeded": 11, "ParameterProblem": 12, "Timestamp": 13, "TimestampReply": 14,
    ]
    static let v6: [String: UInt8] = [
        "DestinationUnreachable": 1, "PacketTooBig": 2, "TimeExceeded": 3, "ParameterProblem": 4, "EchoRequest": 128,
        "EchoReply": 129, "MulticastListenerQuery": 130, "RouterSolicitation": 133, "RouterAdvertisement": 134,
        "NeighborSolicitation": 135, "NeighborAdvertisement": 136,
    ]

    static func type(named name: String, v6 isV6: Bool) -> UInt8? {
        (isV6 ? v6 : v4)[name]
    }
}
