import DenyscopeCore

extension HubbleRecord {
    private struct SideFields {
        let object, identity, namespace, labels, podName, workloads, cluster: HubbleField
    }

    private static let sourceFields = SideFields(
        object: .source, identity: .sourceIdentity, namespace: .sourceNamespace, labels: .sourceLabels, podName: .sourcePodName,
        workloads: .sourceWorkloads, cluster: .sourceCluster)
    private static let destinationFields = SideFields(
        object: .destination, identity: .destinationIdentity, namespace: .destinationNamespace, labels: .destinationLabels,
        podName: .destinationPodName, workloads: .destinationWorkloads, cluster: .destinationCluster)

    static let workloadScanner = JSONFieldScanner(paths: JSONFieldPaths(dotted: [("name", 0), ("kind", 1)]))

    /// The endpoint and boxed peer details of `side` (`.source` or `.destination`), read once per
    /// distinct side object: the box is shared by the records of one endpoint.
    func sharedEndpoint(
        _ side: HubbleField, ip: IPAddress?, cache: inout HubbleLabelCache
    ) throws(HubbleFieldError) -> (Endpoint, OutOfLine<FlowPeer>) {
        let fields = side == .source ? Self.sourceFields : Self.destinationFields
        guard let object = try object(fields.object) else { return (Endpoint(kind: .unknown, ip: ip), OutOfLine(wrappedValue: nil)) }
        let raw = object.rawBytes(in: line)
        var read: HubbleLabelCache.Side
        if let known = cache.side(raw) {
            read = known
        } else {
            let (endpoint, peer) = try endpoint(side, ip: nil, cache: &cache)
            read = (endpoint, OutOfLine(wrappedValue: peer == .none ? nil : peer))
            cache.storeSide(read, for: raw)
        }
        read.endpoint.ip = ip
        return (read.endpoint, read.peer)
    }

    /// The endpoint and peer details of `side` (`.source` or `.destination`).
    ///
    /// Kind: `world` for `reserved:world*`, `cidr:` or `fqdn:` labels or identity 2, 9, 10;
    /// `pod` when the record names a pod or a namespace; `host` for `reserved:host`,
    /// `reserved:remote-node`, `reserved:kube-apiserver` or identity 1, 6, 7; else `unknown`
    /// (for example `reserved:health`, or a masked `{}`).
    func endpoint(
        _ side: HubbleField, ip: IPAddress?, cache: inout HubbleLabelCache
    ) throws(HubbleFieldError) -> (Endpoint, FlowPeer) {
        let fields = side == .source ? Self.sourceFields : Self.destinationFields
        var peer = FlowPeer()
        guard try object(fields.object) != nil else { return (Endpoint(kind: .unknown, ip: ip), peer) }
        peer.identity = try unsigned(fields.identity, limit: UInt64(UInt32.max)).map { UInt32($0) }
        var labels = HubbleLabels([])
        if let span = try array(fields.labels) {
            labels = try cache.labels(span.rawBytes(in: line)) { () throws(HubbleFieldError) in try strings(fields.labels) }
        }
        let namespace = nonEmpty(try string(fields.namespace, cache: &cache)) ?? labels.namespace
        let pod = nonEmpty(try string(fields.podName, cache: &cache))
        let workload = try workload(fields.workloads, cache: &cache)
        peer.identityLabels = labels.identityLabels
        peer.namespaceLabels = labels.namespaceLabels.isEmpty ? nil : labels.namespaceLabels
        peer.serviceAccount = labels.serviceAccount
        peer.cluster = nonEmpty(try string(fields.cluster, cache: &cache)) ?? labels.cluster
        var kind = Endpoint.Kind.unknown
        if let reserved = labels.reservedKind, pod == nil {
            kind = reserved
        } else if pod != nil || namespace != nil {
            kind = .pod
        } else if let identity = peer.identity {
            switch identity {
            case 2, 9, 10: kind = .world
            case 1, 6, 7: kind = .host
            default: break
            }
        }
        let endpoint = Endpoint(
            kind: kind, namespace: namespace, pod: pod, workload: workload, ip: ip,
            labels: labels.podLabels.isEmpty ? nil : labels.podLabels)
        return (endpoint, peer)
    }

    private func workload(_ field: HubbleField, cache: inout HubbleLabelCache) throws(HubbleFieldError) -> WorkloadReference? {
        guard let span = try array(field) else { return nil }
        return try cache.workload(span.rawBytes(in: line)) { () throws(HubbleFieldError) in try workload(field, span) }
    }

    private func workload(_ field: HubbleField, _ span: JSONSpan) throws(HubbleFieldError) -> WorkloadReference? {
        guard let first = try elements(of: span, field).first else { return nil }
        guard first.kind == .object else { throw invalid(field, "expected objects, got \(first.kind)") }
        var slots: [JSONSpan?] = []
        do {
            try Self.workloadScanner.scan(line, range: first.start..<first.end, into: &slots)
        } catch {
            throw invalid(field, "\(error)")
        }
        guard let name = slots[0]?.string(in: line), let kind = slots[1]?.string(in: line), !name.isEmpty, !kind.isEmpty else {
            return nil
        }
        return WorkloadReference(kind: kind, name: name)
    }
}

func nonEmpty(_ text: String?) -> String? {
    guard let text, !text.isEmpty else { return nil }
    return text
}
