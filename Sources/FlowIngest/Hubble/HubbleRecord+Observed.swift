import DenyscopeCore

extension HubbleRecord {
    /// Each verdict with the bytes of its name: a record's verdict is matched by its bytes, without
    /// building a string to switch on.
    private static let verdictNames = ObservedVerdict.allCases.map { (name: Array($0.rawValue.utf8), verdict: $0) }

    private func verdict(named span: JSONSpan) -> ObservedVerdict? {
        guard !span.hasEscapes else { return span.string(in: line).flatMap(ObservedVerdict.init(rawValue:)) }
        return Self.verdictNames.first { span.bytesEqual($0.name, in: line) }?.verdict
    }

    /// The record's verdict, drop reason, denial kind and named policies (reference/hubble.md
    /// §1.7, §3.2, §3.3, §4, §5).
    ///
    /// - Dropped with `POLICY_DENIED` (133), `POLICY_DENY` (181) or `AUTH_REQUIRED` (189): that
    ///   denial; the reason comes from `drop_reason_desc`, else the deprecated `drop_reason`,
    ///   else a drop event's `sub_type`.
    /// - Dropped L7 flow without a policy reason: `l7-denied` (Hubble gives these no reason, §4.2).
    /// - Dropped policy-verdict event without any reason: `policy-denied`.
    /// - `AUDIT`: the reason's denial if it has one; else `default-deny` when `policy_match_type` is
    ///   absent or 0 (`none`, no rule matched, §3.6), else `policy-denied`.
    /// - Any other drop is `not-a-policy-drop` (denial `nil`).
    func observed(event: FlowEvent, isL7: Bool) throws(HubbleFieldError) -> Flow.Observed {
        var observed = Flow.Observed()
        switch try enumeration(.verdict) {
        case .name(let span)?:
            guard let verdict = verdict(named: span) else { throw invalid(.verdict, "unknown verdict \(quoted(span))") }
            observed.verdict = verdict
        case .number(let number)?:
            guard let verdict = ObservedVerdict(number: number) else { throw invalid(.verdict, "unknown verdict \(number)") }
            observed.verdict = verdict
        case nil:
            observed.verdict = .unknown
        }
        observed.dropReason = try dropReason(event: event)
        observed.denial = try denial(observed: observed, event: event, isL7: isL7)
        observed.policies = try policies()
        return observed
    }

    private func dropReason(event: FlowEvent) throws(HubbleFieldError) -> DropReason? {
        var name: String? = nil
        var code: Int? = nil
        switch try enumeration(.dropReasonDesc) {
        case .name(let span)?: name = span.string(in: line)
        case .number(let number)?: code = number
        case nil: break
        }
        if code == nil, let number = try unsigned(.dropReason, limit: UInt64(Int32.max)), number != 0 { code = Int(number) }
        if code == nil, name == nil, event.kind == .drop, let subType = event.subType, subType != 0 { code = subType }
        if name == "DROP_REASON_UNKNOWN" { name = nil }
        if code == 0 { code = nil }
        guard code != nil || name != nil else { return nil }
        return DropReason(code: code, name: name)
    }

    private func denial(observed: Flow.Observed, event: FlowEvent, isL7: Bool) throws(HubbleFieldError) -> PolicyDenial? {
        let fromReason = observed.dropReason?.policyDenial
        switch observed.verdict {
        case .dropped:
            if let fromReason { return fromReason }
            if isL7 { return .l7Denied }
            if event.kind == .policyVerdict, observed.dropReason == nil { return .policy }
            return nil
        case .audit:
            if let fromReason { return fromReason }
            let matchType = try unsigned(.policyMatchType, limit: UInt64(UInt32.max)) ?? 0
            return matchType == 0 ? .defaultDeny : .policy
        default:
            return nil
        }
    }
}
