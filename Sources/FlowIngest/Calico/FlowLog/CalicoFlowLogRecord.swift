import DenyscopeCore

/// Typed access to the fields one scan of a flow-log line found, with messages that name the field.
struct CalicoFlowLogRecord {
    let line: UnsafeRawBufferPointer
    let slots: [JSONSpan?]

    func span(_ field: CalicoFlowLogField) -> JSONSpan? {
        guard let span = slots[field.rawValue], span.kind != .null else { return nil }
        return span
    }

    func invalid(_ field: CalicoFlowLogField, _ message: String) -> CalicoRecordError {
        CalicoRecordError.field(field.displayName, message)
    }

    func raw(_ span: JSONSpan) -> String { quotedText(span.rawBytes(in: line)) }

    /// A string; `"-"` and `""` (Calico's "none") are `nil`.
    func text(_ field: CalicoFlowLogField) throws(CalicoRecordError) -> String? {
        guard let span = span(field) else { return nil }
        guard span.kind == .string else { throw invalid(field, "expected string, got \(span.kind)") }
        guard let value = span.string(in: line), value != "-", !value.isEmpty else { return nil }
        return value
    }

    /// An integer from `range`, written as a number.
    func integer(_ field: CalicoFlowLogField, in range: ClosedRange<Int64>) throws(CalicoRecordError) -> Int64? {
        guard let span = span(field) else { return nil }
        guard span.kind == .number else { throw invalid(field, "expected number, got \(span.kind)") }
        guard let value = span.integer(in: line), range.contains(value) else {
            throw invalid(field, "expected an integer from \(range.lowerBound) to \(range.upperBound), got \(raw(span))")
        }
        return value
    }

    func address(_ field: CalicoFlowLogField) throws(CalicoRecordError) -> IPAddress? {
        guard let text = try text(field) else { return nil }
        guard let address = IPAddress(text) else { throw invalid(field, "invalid IP address \"\(text)\"") }
        return address
    }

    /// An enum as a name (matched case-insensitively against `names`) or as its number.
    func enumeration(_ field: CalicoFlowLogField, names: [String: Int]) throws(CalicoRecordError) -> Int? {
        guard let span = span(field) else { return nil }
        switch span.kind {
        case .string:
            guard let text = span.string(in: line), let value = names[text.lowercased()] else {
                throw invalid(field, "unknown value \(raw(span))")
            }
            return value
        case .number:
            guard let value = span.integer(in: line), value >= 0, value <= 100 else { throw invalid(field, "unknown value \(raw(span))") }
            return Int(value)
        default: throw invalid(field, "expected string or number, got \(span.kind)")
        }
    }

    /// Labels as `{"labels":["k=v",…]}` (Enterprise), `["k=v",…]` (emitter) or `"k=v | k=v"` (Whisker).
    func labels(_ field: CalicoFlowLogField, list: CalicoFlowLogField) throws(CalicoRecordError) -> LabelSet? {
        guard let span = span(field) else { return nil }
        var pairs: [String] = []
        switch span.kind {
        case .string:
            pairs = (span.string(in: line) ?? "").split(separator: "|").map { $0.trimmingSpaces() }
        case .array, .object:
            guard let array = span.kind == .array ? span : self.span(list) else { return nil }
            guard array.kind == .array else { throw invalid(field, "labels: expected array, got \(array.kind)") }
            let elements: [JSONSpan]
            do {
                elements = try CalicoFlowLogField.scanner.elements(of: array, in: line)
            } catch {
                throw invalid(field, "\(error)")
            }
            for element in elements {
                guard let text = element.string(in: line) else { throw invalid(field, "expected label strings, got \(element.kind)") }
                pairs.append(text)
            }
        default:
            throw invalid(field, "expected object, array or string, got \(span.kind)")
        }
        var labels = LabelSet()
        for pair in pairs where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            labels[String(parts[0])] = parts.count == 2 ? String(parts[1]) : ""
        }
        return labels
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces.
    func trimmingSpaces() -> String {
        let trimmed = drop { $0 == " " }
        return String(trimmed.reversed().drop { $0 == " " }.reversed())
    }
}
