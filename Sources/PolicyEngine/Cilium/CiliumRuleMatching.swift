import DenyscopeCore

/// Matches one Cilium peer rule against a connection: the peer (endpoints, entities, CIDRs, …) AND
/// the L4 part (`toPorts` or `icmps`), counting what fails for near misses.
enum CiliumRuleMatching {
    static func matches(
        _ rule: CiliumPeerRule, requires: [LabelRequirement], _ direction: Direction, _ connection: Connection
    ) -> Bool {
        var counter = MismatchCounter.matchOnly
        record(rule, requires: requires, direction, connection, into: &counter)
        return counter.count == 0
    }

    /// Records the failed constraints of `rule` for `connection`, up to the counter's limit.
    static func record(
        _ rule: CiliumPeerRule, requires: [LabelRequirement], _ direction: Direction, _ connection: Connection,
        into counter: inout MismatchCounter
    ) {
        if let mismatch = l4Mismatch(rule, connection) {
            counter.record(mismatch)
            if counter.isFull { return }
        }
        recordPeer(rule, requires: requires, direction, connection, into: &counter)
    }

    private static func recordPeer(
        _ rule: CiliumPeerRule, requires: [LabelRequirement], _ direction: Direction, _ connection: Connection,
        into counter: inout MismatchCounter
    ) {
        let subject = connection.subject(direction)
        let peer = connection.peer(direction)
        let labels = CiliumLabels.of(peer, from: subject)
        switch rule.peers {
        case .unspecified:
            // Without a peer field a rule covers every peer only when it has an L4 part.
            if rule.ports.isEmpty && rule.icmps.isEmpty {
                counter.record(.ciliumPeer(expected: "no peer (empty rule)", actual: peer.endpoint))
            }
        case .endpoints(let selectors):
            guard !selectors.isEmpty else {
                counter.record(.ciliumPeer(expected: "no peer (empty list)", actual: peer.endpoint))
                return
            }
            var best: MismatchCounter?
            for selector in selectors {
                var attempt = MismatchCounter(limit: counter.limit - counter.count, keepsFirst: counter.keepsFirst)
                for requirement in selector.requirements + requires where !CiliumLabels.matches(requirement, labels) {
                    attempt.record(mismatch(requirement, labels: labels, peer: peer))
                    if attempt.isFull { break }
                }
                if attempt.count == 0 { return }
                if best == nil || attempt.count < best?.count ?? .max { best = attempt }
            }
            if let best { counter.absorb(best) }
        case .entities(let entities):
            if !entities.contains(where: { covers($0, labels) }) {
                counter.record(.ciliumPeer(expected: "entities " + entities.map(\.rawValue).joined(separator: ", "), actual: peer.endpoint))
            }
        case .cidrs(let blocks):
            // CIDR rules never match pods or nodes: only addresses outside the cluster.
            let outside = labels["reserved:world"] != nil
            if !(outside && peer.ip.map { address in blocks.contains { $0.contains(address) } } ?? false) {
                counter.record(.ciliumPeer(expected: "CIDR " + blocks.map(\.description).joined(separator: ", "), actual: peer.endpoint))
            }
        case .services(let names):
            counter.record(
                .ciliumPeer(
                    expected: "services " + names.joined(separator: ", ") + " (their endpoints are not in a snapshot)",
                    actual: peer.endpoint))
        case .fqdns(let patterns):
            counter.record(
                .ciliumPeer(
                    expected: "DNS names " + patterns.joined(separator: ", ") + " (cannot decide without DNS names)", actual: peer.endpoint)
            )
        }
    }

    private static func mismatch(_ requirement: LabelRequirement, labels: LabelSet, peer: ResolvedEndpoint) -> Mismatch {
        if requirement.key == CiliumLabels.namespaceKey {
            guard let namespace = labels[CiliumLabels.namespaceKey] else {
                return .ciliumPeer(expected: "pods", actual: peer.endpoint)
            }
            if case .equals(let expected) = requirement.operator { return .namespace(expected: expected, actual: namespace) }
        }
        return .ciliumLabel(requirement, actual: CiliumLabels.value(of: requirement.key, in: labels))
    }

    /// Whether an entity covers a peer with these identity labels.
    static func covers(_ entity: CiliumEntity, _ labels: LabelSet) -> Bool {
        switch entity {
        case .all: return true
        case .world: return labels["reserved:world"] != nil
        case .cluster: return labels["reserved:world"] == nil
        case .host: return labels["reserved:host"] != nil
        case .remoteNode: return labels["reserved:remote-node"] != nil
        case .kubeAPIServer, .ingress, .health, .`init`, .unmanaged, .none: return false
        }
    }

    /// The L4 part: no `toPorts` and no `icmps` covers everything; `toPorts` covers TCP/UDP/SCTP
    /// ports (protocol ANY when omitted); `icmps` covers those ICMP types; one kind never covers the other.
    static func l4Mismatch(_ rule: CiliumPeerRule, _ connection: Connection) -> Mismatch? {
        if rule.ports.isEmpty && rule.icmps.isEmpty { return nil }
        let proto = connection.protocol
        if proto.hasPorts {
            guard !rule.ports.isEmpty else {
                return .ciliumProtocol(expected: "ICMP " + rule.icmps.map(\.description).joined(separator: ", "), actual: proto)
            }
            let destination = connection.destination.containerPorts
            if rule.ports.contains(where: { covers($0, proto, connection.port, destination) }) { return nil }
            if !rule.ports.contains(where: { $0.protocol == nil || $0.protocol == proto }) {
                return .ciliumProtocol(expected: "[" + rule.ports.map(\.description).joined(separator: ", ") + "]", actual: proto)
            }
            return .ciliumPort(rule.ports, actual: connection.port, destination: destination)
        }
        if rule.icmps.contains(where: { $0.protocol == proto && (connection.icmpType == nil || connection.icmpType == $0.type) }) {
            return nil
        }
        let expected =
            rule.icmps.isEmpty
            ? "[" + rule.ports.map(\.description).joined(separator: ", ") + "]" : rule.icmps.map(\.description).joined(separator: ", ")
        return .ciliumProtocol(expected: expected, actual: proto)
    }

    private static func covers(_ port: CiliumPort, _ proto: IPProtocol, _ number: UInt16?, _ destination: [ContainerPort]) -> Bool {
        guard port.protocol == nil || port.protocol == proto, let number else { return false }
        switch port.port {
        case nil: return true
        case .number(let first): return first <= number && number <= (port.endPort ?? first)
        case .named(let name): return destination.contains { $0.name == name && $0.protocol == proto && $0.port == number }
        }
    }
}
