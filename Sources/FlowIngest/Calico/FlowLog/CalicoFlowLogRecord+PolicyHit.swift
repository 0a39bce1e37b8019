import DenyscopeCore

extension CalicoFlowLogRecord {
    /// A Goldmane `PolicyHit` object (reference/calico-logs.md §6.2): `kind`, `tier`, `action` as
    /// names (Whisker) or enum numbers (emitter, where zero values are omitted), `rule_index`
    /// `-1` at the end of a tier, and for `EndOfTier` the `trigger` policy that selected the flow.
    func hit(_ span: JSONSpan, field: CalicoFlowLogField) throws(CalicoRecordError) -> CalicoPolicyTrace {
        var slots: [JSONSpan?] = []
        do {
            try CalicoFlowLogField.hitScanner.scan(line, range: span.start..<span.end, into: &slots)
        } catch {
            throw invalid(field, "\(error)")
        }
        func value(_ slot: Int) -> JSONSpan? { slots[slot].flatMap { $0.kind == .null ? nil : $0 } }
        func string(_ slot: Int, _ key: String) throws(CalicoRecordError) -> String? {
            guard let span = value(slot) else { return nil }
            guard span.kind == .string else { throw invalid(field, "\(key): expected string, got \(span.kind)") }
            return span.string(in: line).flatMap { $0.isEmpty || $0 == "-" ? nil : $0 }
        }
        func number(_ slot: Int, _ key: String) throws(CalicoRecordError) -> Int? {
            guard let span = value(slot) else { return nil }
            guard span.kind == .number, let number = span.integer(in: line), number >= -2, number <= Int64(Int32.max) else {
                throw invalid(field, "\(key): expected an integer, got \(raw(span))")
            }
            return Int(number)
        }
        func kind() throws(CalicoRecordError) -> String? {
            guard let span = value(0) else { return nil }
            if span.kind == .number, let number = span.integer(in: line) {
                if number == 0 { return nil }
                guard let name = CalicoPolicyKinds.goldmaneNames[Int(number)] else { throw invalid(field, "kind: unknown value \(number)") }
                return name
            }
            guard span.kind == .string, let name = span.string(in: line) else { throw invalid(field, "kind: expected string or number") }
            guard name != "KindUnspecified" else { return nil }
            guard CalicoPolicyKinds.goldmaneNames.values.contains(name) else { throw invalid(field, "kind: unknown value \"\(name)\"") }
            return name
        }
        var kind = try kind()
        let action: ObservedPolicy.Action
        switch value(4) {
        case let span? where span.kind == .number:
            switch span.integer(in: line) {
            case 1?: action = .allow
            case 2?: action = .deny
            case 3?: action = .pass
            default: throw invalid(field, "action: unknown value \(raw(span))")
            }
        case let span?:
            guard let text = span.string(in: line)?.lowercased(), let known = ObservedPolicy.Action(rawValue: text) else {
                throw invalid(field, "action: unknown value \(raw(span))")
            }
            action = known
        case nil:
            throw invalid(field, "action: missing")
        }
        let ruleIndex = try number(6, "rule_index") ?? 0
        var namespace = try string(1, "namespace")
        var name = try string(2, "name") ?? ""
        let isEndOfTier = kind == "EndOfTier" || ruleIndex == -1
        if kind == "EndOfTier" {
            kind = nil
            if let trigger = value(7) {
                guard trigger.kind == .object else { throw invalid(field, "trigger: expected object, got \(trigger.kind)") }
                let triggered = try hit(trigger, field: field, triggerOf: action)
                kind = triggered.kind
                namespace = triggered.namespace
                name = triggered.name
            }
        }
        guard let tier = try string(3, "tier") else { throw invalid(field, "tier: missing") }
        return CalicoPolicyTrace(
            index: try number(5, "policy_index") ?? 0, tier: tier, kind: kind, namespace: namespace, name: name, action: action,
            rule: ruleIndex >= 0 && !isEndOfTier ? ruleIndex : nil, isEndOfTier: isEndOfTier)
    }

    /// A trigger: a `PolicyHit` without action of its own.
    private func hit(_ span: JSONSpan, field: CalicoFlowLogField, triggerOf action: ObservedPolicy.Action) throws(CalicoRecordError)
        -> CalicoPolicyTrace
    {
        var slots: [JSONSpan?] = []
        do {
            try CalicoFlowLogField.hitScanner.scan(line, range: span.start..<span.end, into: &slots)
        } catch {
            throw invalid(field, "\(error)")
        }
        func string(_ slot: Int) -> String? {
            slots[slot].flatMap { $0.string(in: line) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        var kind: String? = string(0)
        if let span = slots[0], span.kind == .number, let number = span.integer(in: line) {
            kind = CalicoPolicyKinds.goldmaneNames[Int(number)]
        }
        return CalicoPolicyTrace(
            index: 0, tier: string(3) ?? "", kind: kind, namespace: string(1), name: string(2) ?? "", action: action, rule: nil,
            isEndOfTier: true)
    }
}
