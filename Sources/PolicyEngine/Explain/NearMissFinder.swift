import DenyscopeCore

/// Collects the near misses of a denied side: rules of its isolating policies that failed on
/// exactly one constraint, rendered with what the rule expected and what the connection had.
enum NearMissFinder {
    static func nearMisses(_ direction: Direction, _ connection: Connection, policies: PolicyTable) -> [NearMiss] {
        guard let identity = connection.subject(direction).identity else { return [] }
        var found: Set<NearMiss> = []
        for index in identity.isolatingPolicies(direction) {
            let compiled = policies[index]
            for (ruleIndex, rule) in compiled.policy.rules(direction).enumerated() {
                for mismatch in RuleMatching.nearMisses(rule, of: compiled.policy, direction, connection) {
                    found.insert(nearMiss(mismatch, policy: compiled.reference.rule(ruleIndex), direction))
                }
            }
        }
        return found.sorted()
    }

    static func nearMiss(_ mismatch: Mismatch, policy: PolicyReference, _ direction: Direction) -> NearMiss {
        func make(_ constraint: NearMiss.Constraint, _ expected: String, _ actual: String) -> NearMiss {
            NearMiss(policy: policy, direction: direction, constraint: constraint, expected: expected, actual: actual)
        }
        switch mismatch {
        case .podLabel(let requirement, let labels):
            return make(.podLabel, requirement.description, requirement.actual(in: labels))
        case .namespace(let expected, let actual):
            return make(.namespace, "namespace \(expected)", "namespace \(actual)")
        case .namespaceLabel(let requirement, let namespace, let labels):
            return make(.namespace, "namespace with \(requirement)", "namespace \(namespace) (\(requirement.actual(in: labels)))")
        case .peerKind(let expected, let actual):
            return make(.peerKind, expected, actual.description)
        case .ipBlock(let cidr, let except, let actual):
            let block = except.isEmpty ? "\(cidr)" : "\(cidr) except \(except.map(\.description).joined(separator: ", "))"
            return make(.ipBlock, block, actual.map(String.init(describing:)) ?? "an unknown external address")
        case .port(let ports, let actual, let destinationPorts):
            return make(.port, describe(ports, destinationPorts), actual.map(String.init) ?? "none")
        case .protocol(let ports, let actual, let destinationPorts):
            return make(.protocol, describe(ports, destinationPorts), actual.rawValue)
        case .ciliumLabel(let requirement, let actual):
            let key = requirement.key.split(separator: ":", maxSplits: 1).last.map(String.init) ?? requirement.key
            let shown = LabelRequirement(key: key, operator: requirement.operator)
            return make(.podLabel, shown.description, actual.map { "\(key)=\($0)" } ?? "no label \(key)")
        case .ciliumPeer(let expected, let actual):
            return make(.peerKind, expected, actual.description)
        case .ciliumPort(let ports, let actual, let destinationPorts):
            let entries = ports.map { port -> String in
                guard case .named(let name) = port.port else { return port.description }
                let resolved = destinationPorts.first { $0.name == name && (port.protocol == nil || port.protocol == $0.protocol) }
                return port.description + (resolved.map { " (\($0.port))" } ?? "")
            }
            return make(.port, "[" + entries.joined(separator: ", ") + "]", actual.map(String.init) ?? "none")
        case .ciliumProtocol(let expected, let actual):
            return make(.protocol, expected, actual.rawValue)
        case .described(let constraint, let expected, let actual):
            return make(constraint, expected, actual)
        }
    }

    /// `[80, 53/UDP, 8000-9000, http (8080)]`: TCP entries without suffix, other protocols with one.
    static func describe(_ ports: [NetworkPolicyPort], _ destinationPorts: [ContainerPort]) -> String {
        let entries = ports.map { entry -> String in
            let suffix = entry.protocol == .tcp ? "" : "/\(entry.protocol.rawValue)"
            switch entry.port {
            case nil:
                return "all \(entry.protocol.rawValue) ports"
            case .number(let first):
                let range = entry.endPort.map { $0 == first ? "\(first)" : "\(first)-\($0)" } ?? "\(first)"
                return range + suffix
            case .named(let name):
                let resolved = PortMatching.resolve(name, protocol: entry.protocol, on: destinationPorts)
                return name + suffix + (resolved.map { " (\($0))" } ?? (destinationPorts.isEmpty ? "" : " (not a port of the destination)"))
            }
        }
        return "[" + entries.joined(separator: ", ") + "]"
    }
}
