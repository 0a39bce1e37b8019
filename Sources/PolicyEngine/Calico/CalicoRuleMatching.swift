import DenyscopeCore

/// Matches a Calico rule against a connection (reference `calico-policy.md` §4): every criterion
/// present must hold — IP version, protocol/notProtocol, icmp/notICMP, and the source and
/// destination entity rules (nets/notNets, selector/notSelector/namespaceSelector scoped to the
/// policy's namespace, service accounts, ports/notPorts with named ports on the destination).
struct CalicoRuleMatching {
    let networkSets: [CalicoNetworkSet]

    func matches(_ rule: CalicoRule, scope: String?, _ connection: Connection) -> Bool {
        var counter = MismatchCounter.matchOnly
        record(rule, scope: scope, connection, into: &counter)
        return counter.count == 0
    }

    /// Records the failed criteria of `rule`, up to the counter's limit.
    /// - Parameter scope: the namespace of a namespaced policy, to which its selectors are confined.
    func record(_ rule: CalicoRule, scope: String?, _ connection: Connection, into counter: inout MismatchCounter) {
        let number = connection.protocol.number
        let address = connection.destination.ip ?? connection.source.ip
        if let version = rule.ipVersion, let address, (version == 4) != address.isV4 {
            counter.record(.described(.protocol, expected: "IPv\(version)", actual: address.isV4 ? "IPv4" : "IPv6"))
        }
        if let wanted = rule.protocolNumber, wanted != number {
            counter.record(.described(.protocol, expected: Self.name(wanted), actual: connection.protocol.rawValue))
        }
        if let excluded = rule.notProtocolNumber, excluded == number {
            counter.record(.described(.protocol, expected: "not \(Self.name(excluded))", actual: connection.protocol.rawValue))
        }
        if let icmp = rule.icmp, !Self.icmpMatches(icmp, connection) {
            counter.record(.described(.protocol, expected: "ICMP \(icmp)", actual: Self.icmpText(connection)))
        }
        if let icmp = rule.notICMP, connection.icmpType != nil, Self.icmpMatches(icmp, connection) {
            counter.record(.described(.protocol, expected: "not ICMP \(icmp)", actual: Self.icmpText(connection)))
        }
        if counter.isFull { return }
        record(rule.source, endpoint: connection.source, port: nil, isDestination: false, scope: scope, connection, into: &counter)
        if counter.isFull { return }
        record(
            rule.destination, endpoint: connection.destination, port: connection.port, isDestination: true, scope: scope, connection,
            into: &counter)
    }

    private func record(
        _ entity: CalicoEntityRule, endpoint: ResolvedEndpoint, port: UInt16?, isDestination: Bool, scope: String?,
        _ connection: Connection, into counter: inout MismatchCounter
    ) {
        let side = isDestination ? "destination" : "source"
        // Formatted only when a mismatch is kept (inside `record`'s autoclosures).
        var actual: String { endpoint.endpoint.description }
        if !entity.nets.isEmpty, !(endpoint.ip.map { ip in entity.nets.contains { $0.contains(ip) } } ?? false) {
            counter.record(
                .described(.ipBlock, expected: "\(side) in " + entity.nets.map(\.description).joined(separator: ", "), actual: actual))
        }
        if let ip = endpoint.ip, entity.notNets.contains(where: { $0.contains(ip) }) {
            counter.record(
                .described(
                    .ipBlock, expected: "\(side) not in " + entity.notNets.map(\.description).joined(separator: ", "), actual: actual))
        }
        let candidates = self.candidates(endpoint)
        if entity.usesSelectors || (entity.notSelector != nil && scope != nil) {
            let scoped = entity.namespaceSelector == nil ? scope : nil
            let selected = candidates.contains { candidate in
                (scoped == nil || candidate.namespace == scoped)
                    && (entity.namespaceSelector?.matchesNamespace(candidate.namespaceLabels) ?? true)
                    && (entity.selector?.matches(candidate.labels) ?? true)
                    && (entity.serviceAccountNames.isEmpty
                        || candidate.labels["projectcalico.org/serviceaccount"].map(entity.serviceAccountNames.contains) ?? false)
                    && (entity.serviceAccountSelector.map { selector in
                        // Service account objects are not in a snapshot: their labels are their name's.
                        candidate.labels["projectcalico.org/serviceaccount"].map { selector.matches(["projectcalico.org/name": $0]) }
                            ?? false
                    } ?? true)
            }
            if !selected { counter.record(selectorMismatch(entity, candidates, scoped, endpoint)) }
        }
        if let excluded = entity.notSelector, candidates.contains(where: { excluded.matches($0.labels) }) {
            counter.record(.described(.podLabel, expected: "\(side) not matching \(excluded)", actual: actual))
        }
        if let service = entity.service {
            counter.record(.described(.peerKind, expected: "service \(service) (its endpoints are not in a snapshot)", actual: actual))
        }
        if !isDestination {
            // Source ports are not known for an explained connection.
            if !entity.ports.isEmpty {
                counter.record(.described(.port, expected: "source port in \(list(entity.ports))", actual: "unknown"))
            }
            return
        }
        if !entity.ports.isEmpty, !entity.ports.contains(where: { covers($0, port, endpoint, connection.protocol) }) {
            counter.record(.described(.port, expected: list(entity.ports), actual: port.map(String.init) ?? "none"))
        }
        if entity.notPorts.contains(where: { covers($0, port, endpoint, connection.protocol) }) {
            counter.record(.described(.port, expected: "not " + list(entity.notPorts), actual: port.map(String.init) ?? "none"))
        }
    }

    /// A Calico-known thing an address can be: the pod, or the network sets that contain it.
    private struct Candidate {
        let labels: LabelSet
        let namespace: String?
        let namespaceLabels: LabelSet?
    }

    private func candidates(_ endpoint: ResolvedEndpoint) -> [Candidate] {
        if let identity = endpoint.identity {
            return [
                Candidate(labels: identity.calicoLabels, namespace: identity.namespace, namespaceLabels: identity.calicoNamespaceLabels)
            ]
        }
        guard let ip = endpoint.ip, endpoint.endpoint.kind != .host else { return [] }
        return networkSets.filter { set in set.nets.contains { $0.contains(ip) } }.map { set in
            var labels = set.labels
            if let namespace = set.namespace { labels[CalicoLabels.namespaceKey] = namespace }
            return Candidate(
                labels: labels, namespace: set.namespace, namespaceLabels: set.namespace.map { CalicoLabels.ofNamespace($0, [:]) })
        }
    }

    /// Why no candidate meets the selectors, phrased for the constraint that failed first.
    private func selectorMismatch(
        _ entity: CalicoEntityRule, _ candidates: [Candidate], _ scope: String?, _ endpoint: ResolvedEndpoint
    ) -> Mismatch {
        guard let candidate = candidates.first else {
            return .described(.peerKind, expected: "Calico endpoints or network sets", actual: endpoint.endpoint.description)
        }
        let namespace = "namespace \(candidate.namespace ?? "(none)")"
        if let scope, candidate.namespace != scope {
            return .described(.namespace, expected: "namespace \(scope)", actual: namespace)
        }
        if let selector = entity.namespaceSelector, !selector.matchesNamespace(candidate.namespaceLabels) {
            return .described(.namespace, expected: "namespace matching \(selector)", actual: namespace)
        }
        let labels = endpoint.endpoint.labels.map { " with \($0)" } ?? ""
        if let selector = entity.selector, !selector.matches(candidate.labels) {
            return .described(.podLabel, expected: "selector \(selector)", actual: endpoint.endpoint.description + labels)
        }
        let accounts =
            entity.serviceAccountNames.isEmpty
            ? entity.serviceAccountSelector.map { "\($0)" } ?? "" : entity.serviceAccountNames.joined(separator: ", ")
        return .described(
            .podLabel, expected: "service account in " + accounts,
            actual: "service account " + (candidate.labels["projectcalico.org/serviceaccount"] ?? "none"))
    }

    private func covers(_ port: CalicoPort, _ number: UInt16?, _ destination: ResolvedEndpoint, _ proto: IPProtocol) -> Bool {
        guard let number else { return false }
        switch port {
        case .range(let range): return range.contains(number)
        case .named(let name):
            return destination.containerPorts.contains { $0.name == name && $0.protocol == proto && $0.port == number }
        }
    }

    private func list(_ ports: [CalicoPort]) -> String { "[" + ports.map(\.description).joined(separator: ", ") + "]" }

    private static func icmpMatches(_ icmp: CalicoICMPMatch, _ connection: Connection) -> Bool {
        guard connection.protocol == .icmp || connection.protocol == .icmpv6 else { return false }
        guard let type = connection.icmpType else { return true }
        return type == icmp.type && (icmp.code == nil || connection.icmpCode == nil || connection.icmpCode == icmp.code)
    }

    private static func icmpText(_ connection: Connection) -> String {
        connection.protocol.rawValue + (connection.icmpType.map { " type \($0)" } ?? "") + (connection.icmpCode.map { " code \($0)" } ?? "")
    }

    static func name(_ number: UInt8) -> String {
        IPProtocol(number: number)?.rawValue ?? (number == 136 ? "UDPLite" : "protocol \(number)")
    }
}
