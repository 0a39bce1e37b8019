import DenyscopeCore

extension HubbleRecord {
    static let policyScanner = JSONFieldScanner(
        paths: JSONFieldPaths(dotted: [("name", 0), ("namespace", 1), ("labels", 2), ("revision", 3), ("kind", 4)]))
    static let l7Scanner = JSONFieldScanner(
        paths: JSONFieldPaths(dotted: [
            ("type", 0), ("http", 1), ("http.method", 2), ("http.url", 3), ("http.code", 4), ("dns", 5), ("dns.query", 6),
            ("kafka", 7),
        ]))

    /// The policy lists, their side and their effect.
    private static let policyLists: [(HubbleField, Direction, Verdict)] = [
        (.egressAllowedBy, .egress, .allowed), (.egressDeniedBy, .egress, .denied),
        (.ingressAllowedBy, .ingress, .allowed), (.ingressDeniedBy, .ingress, .denied),
    ]

    /// `*_allowed_by` / `*_denied_by`, in the order egress allowed, egress denied, ingress
    /// allowed, ingress denied (reference/hubble.md §3.8, §5).
    func policies() throws(HubbleFieldError) -> [ObservedPolicy] {
        var result: [ObservedPolicy] = []
        for (field, direction, effect) in Self.policyLists {
            guard let span = try array(field) else { continue }
            for element in try elements(of: span, field) {
                result.append(try policy(element, field: field, direction: direction, effect: effect))
            }
        }
        return result
    }

    private func policy(_ span: JSONSpan, field: HubbleField, direction: Direction, effect: Verdict) throws(HubbleFieldError)
        -> ObservedPolicy
    {
        guard span.kind == .object else { throw invalid(field, "expected objects, got \(span.kind)") }
        var slots: [JSONSpan?] = []
        do {
            try Self.policyScanner.scan(line, range: span.start..<span.end, into: &slots)
        } catch {
            throw invalid(field, "\(error)")
        }
        func text(_ slot: Int, _ key: String) throws(HubbleFieldError) -> String? {
            guard let value = slots[slot], value.kind != .null else { return nil }
            guard value.kind == .string else { throw invalid(field, "\(key): expected string, got \(value.kind)") }
            return nonEmpty(value.string(in: line))
        }
        var kind = try text(4, "kind")
        if kind == nil, let labels = slots[2], labels.kind == .array {
            // Before Cilium 1.17 the kind is only in the labels (`…policy.derived-from=…`).
            let prefix = "k8s:io.cilium.k8s.policy.derived-from="
            for label in (try? HubbleLineParser.scanner.elements(of: labels, in: line)) ?? [] {
                if let value = label.string(in: line), value.hasPrefix(prefix) { kind = String(value.dropFirst(prefix.count)) }
            }
        }
        var revision: UInt64? = nil
        if let value = slots[3], value.kind != .null {
            guard let number = value.unsigned64(in: line) else { throw invalid(field, "revision: expected a 64-bit unsigned integer") }
            revision = number
        }
        return ObservedPolicy(
            direction: direction, effect: effect, kind: kind, namespace: try text(1, "namespace"), name: try text(0, "name") ?? "",
            revision: revision)
    }

    /// The `l7` record (reference/hubble.md §3.7).
    func l7() throws(HubbleFieldError) -> FlowL7? {
        guard let span = try object(.l7) else { return nil }
        var slots: [JSONSpan?] = []
        do {
            try Self.l7Scanner.scan(line, range: span.start..<span.end, into: &slots)
        } catch {
            throw invalid(.l7, "\(error)")
        }
        let protocolName = slots[1] != nil ? "http" : slots[5] != nil ? "dns" : slots[7] != nil ? "kafka" : "unknown"
        var result = FlowL7(protocolName: protocolName)
        result.type = slots[0].flatMap { $0.string(in: line) }
        result.method = slots[2].flatMap { $0.string(in: line) }
        result.url = slots[3].flatMap { $0.string(in: line) }
        result.statusCode = slots[4].flatMap { $0.integer(in: line) }.map { Int(clamping: $0) }
        result.query = slots[6].flatMap { $0.string(in: line) }
        return result
    }
}
