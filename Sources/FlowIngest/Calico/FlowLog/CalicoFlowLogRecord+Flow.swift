import DenyscopeCore

extension CalicoFlowLogRecord {
    static let actions = ["allow": 1, "deny": 2, "pass": 3]
    static let reporters = ["src": 1, "dst": 2, "fwd": 3]
    static let endpointTypes = [
        "wep": 1, "workloadendpoint": 1, "hep": 2, "hostendpoint": 2, "ns": 3, "networkset": 3, "net": 4, "network": 4,
    ]

    /// The normalized flow of this record (reference/calico-logs.md §5–§7; DESIGN.md §5).
    ///
    /// - `action` deny → `DROPPED`, allow → `FORWARDED`, pass → no verdict.
    /// - `reporter` src → egress, dst → ingress (`fwd` and none: unknown; the trace entries then
    ///   have no side and are left out).
    /// - Names containing `*` and `*_name_aggr` are aggregates (`FlowPeer.aggregatedName`), never
    ///   pods; `null`, `"-"` and `""` are absent.
    /// - `attempts` = `num_flows_started` (Enterprise), else `num_flows`; `num_connections_started`
    ///   (emitter, absent = 0 as Go's `omitempty` drops zeros); 1 for Whisker items, which carry no counts.
    func flow(location: InputLocation) throws(CalicoRecordError) -> Flow {
        var flow = Flow(
            source: Endpoint(kind: .unknown), destination: Endpoint(kind: .unknown), event: FlowEvent(kind: .flowLog), location: location)
        flow.time = try time()
        flow.node = try text(.host)
        (flow.source, flow.sourcePeer) = try endpoint(
            name: .sourceName, aggregated: .sourceNameAggregated, namespace: .sourceNamespace, type: .sourceType, ip: .sourceIP,
            labels: .sourceLabels, list: .sourceLabelList)
        (flow.destination, flow.destinationPeer) = try endpoint(
            name: .destinationName, aggregated: .destinationNameAggregated, namespace: .destinationNamespace, type: .destinationType,
            ip: .destinationIP, labels: .destinationLabels, list: .destinationLabelList)
        if let service = try text(.serviceName) {
            flow.destinationPeer.service = (try text(.serviceNamespace)).map { "\($0)/\(service)" } ?? service
        }
        try readProtocol(into: &flow)
        switch try enumeration(.reporter, names: Self.reporters) {
        case 1?: flow.direction = .egress
        case 2?: flow.direction = .ingress
        case nil, 0?, 3?: flow.direction = nil
        case let other?: throw invalid(.reporter, "unknown value \(other)")
        }
        let action = try enumeration(.action, names: Self.actions)
        switch action {
        case 1?: flow.observed.verdict = .forwarded
        case 2?: flow.observed.verdict = .dropped
        case nil, 0?, 3?: flow.observed.verdict = .unknown
        case let other?: throw invalid(.action, "unknown value \(other)")
        }
        flow.observed.policies = try policies(direction: flow.direction)
        if action == 2 { flow.observed.denial = denial(flow.observed.policies) }
        flow.attempts = try attempts()
        return flow
    }

    private func time() throws(CalicoRecordError) -> Int64? {
        guard let span = span(.startTime) else { return nil }
        if span.kind == .string {
            guard !span.hasEscapes, let value = RFC3339.nanoseconds(span.rawBytes(in: line)) else {
                throw invalid(.startTime, "invalid RFC 3339 time \(raw(span))")
            }
            return value
        }
        return try integer(.startTime, in: 0...9_000_000_000).map { $0 * 1_000_000_000 }
    }

    private func endpoint(
        name: CalicoFlowLogField, aggregated: CalicoFlowLogField, namespace: CalicoFlowLogField, type: CalicoFlowLogField,
        ip: CalicoFlowLogField, labels: CalicoFlowLogField, list: CalicoFlowLogField
    ) throws(CalicoRecordError) -> (Endpoint, FlowPeer) {
        var peer = FlowPeer()
        let address = try address(ip)
        let namespace = try text(namespace)
        let labels = try self.labels(labels, list: list)
        let kind = try enumeration(type, names: Self.endpointTypes)
        var recordName = try text(name)
        switch recordName {
        case "PUBLIC NETWORK": recordName = "pub"
        case "PRIVATE NETWORK": recordName = "pvt"
        default: break
        }
        peer.aggregatedName = try text(aggregated)
        var pod: String? = nil
        if let recordName,
            recordName.utf8.contains(UInt8(ascii: "*")) || recordName == "pub" || recordName == "pvt" || (kind != nil && kind != 1)
        {
            peer.aggregatedName = peer.aggregatedName ?? recordName
        } else if let recordName, namespace != nil {
            pod = recordName
        }
        var endpointKind: Endpoint.Kind
        switch kind {
        case 1?: endpointKind = .pod
        case 2?: endpointKind = .host
        default: endpointKind = peer.aggregatedName == "pub" ? .world : .unknown
        }
        if endpointKind == .unknown, kind == nil, pod != nil { endpointKind = .pod }
        return (Endpoint(kind: endpointKind, namespace: namespace, pod: pod, ip: address, labels: labels), peer)
    }

    private func readProtocol(into flow: inout Flow) throws(CalicoRecordError) {
        if let name = try text(.proto) {
            switch name.lowercased() {
            case "tcp", "6": flow.ipProtocol = .tcp
            case "udp", "17": flow.ipProtocol = .udp
            case "sctp", "132": flow.ipProtocol = .sctp
            case "icmp", "1": flow.ipProtocol = .icmp
            case "icmp6", "icmpv6", "58": flow.ipProtocol = .icmpv6
            default: flow.ipProtocol = nil
            }
        }
        guard flow.ipProtocol?.hasPorts != false else { return }
        flow.sourcePort = try integer(.sourcePort, in: 0...65535).map { UInt16($0) }
        flow.destinationPort = try integer(.destinationPort, in: 0...65535).map { UInt16($0) }
    }

    private func attempts() throws(CalicoRecordError) -> Int {
        if let started = try integer(.numFlowsStarted, in: 0...Int64(Int32.max)) { return Int(started) }
        if let flows = try integer(.numFlows, in: 0...Int64(Int32.max)) { return Int(flows) }
        if span(.key) != nil { return Int(try integer(.numConnectionsStarted, in: 0...Int64(Int32.max)) ?? 0) }
        return 1
    }

    /// The enforced entries sorted by index, then the pending ones (marked); `all_policies`
    /// only when the record has neither list (staged kinds in it are marked pending).
    private func policies(direction: Direction?) throws(CalicoRecordError) -> [ObservedPolicy] {
        guard let direction else { return [] }
        let enforced = try traces(.enforced)
        let pending = try traces(.pending)
        if span(.enforced) == nil, span(.pending) == nil {
            return try traces(.all).map { $0.observed(direction: direction, pending: false) }
        }
        return enforced.map { $0.observed(direction: direction, pending: false) }
            + pending.map { $0.observed(direction: direction, pending: true) }
    }

    private func traces(_ field: CalicoFlowLogField) throws(CalicoRecordError) -> [CalicoPolicyTrace] {
        guard let span = span(field) else { return [] }
        guard span.kind == .array else { throw invalid(field, "expected array, got \(span.kind)") }
        let elements: [JSONSpan]
        do {
            elements = try CalicoFlowLogField.scanner.elements(of: span, in: line)
        } catch {
            throw invalid(field, "\(error)")
        }
        var result: [CalicoPolicyTrace] = []
        for element in elements {
            switch element.kind {
            case .string: result.append(try CalicoPolicyTrace(string: element.string(in: line) ?? ""))
            case .object: result.append(try hit(element, field: field))
            default: throw invalid(field, "expected strings or objects, got \(element.kind)")
            }
        }
        return result.sorted { $0.index < $1.index }
    }

    /// The denial the last enforced entry reports (§7.5).
    private func denial(_ policies: [ObservedPolicy]) -> PolicyDenial {
        guard let last = policies.last(where: { !$0.isPending }), last.action == .deny else { return .policy }
        if last.isEndOfTier { return .endOfTier }
        if last.tier == "__PROFILE__" { return .defaultDeny }
        return last.rule != nil ? .explicitDeny : .policy
    }
}
