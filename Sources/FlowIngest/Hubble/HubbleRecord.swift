import DenyscopeCore

/// Typed access to the fields one scan found, with messages that name the field.
struct HubbleRecord {
    let line: UnsafeRawBufferPointer
    let slots: [JSONSpan?]
    /// Inside `{"flow":…}` (else a bare flow).
    let wrapped: Bool

    func span(_ field: HubbleField) -> JSONSpan? {
        guard let span = slots[wrapped ? HubbleSlots.wrapped(field) : HubbleSlots.bare(field)], span.kind != .null else { return nil }
        return span
    }

    func wrapperSpan(_ field: HubbleWrapperField) -> JSONSpan? {
        guard let span = slots[HubbleSlots.wrapper(field)], span.kind != .null else { return nil }
        return span
    }

    func name(_ field: HubbleField) -> String { (wrapped ? "flow." : "") + field.displayPath }

    func invalid(_ field: HubbleField, _ message: String) -> HubbleFieldError {
        HubbleFieldError(code: .invalidField, message: "field \"\(name(field))\": \(message)")
    }

    func wrongKind(_ field: HubbleField, _ expected: String, _ span: JSONSpan) -> HubbleFieldError {
        invalid(field, "expected \(expected), got \(span.kind)")
    }

    /// The quoted text of a span, shortened, for messages.
    func quoted(_ span: JSONSpan) -> String {
        let text = span.string(in: line) ?? String(decoding: span.rawBytes(in: line), as: UTF8.self)
        return "\"" + (text.count > 60 ? String(text.prefix(60)) + "…" : text) + "\""
    }

    func string(_ field: HubbleField) throws(HubbleFieldError) -> String? {
        guard let span = span(field) else { return nil }
        guard span.kind == .string else { throw wrongKind(field, "string", span) }
        return span.string(in: line)
    }

    /// `string(_:)`, with the text of a string without escapes taken from `cache` when it repeats.
    func string(_ field: HubbleField, cache: inout HubbleLabelCache) throws(HubbleFieldError) -> String? {
        guard let span = span(field) else { return nil }
        guard span.kind == .string else { throw wrongKind(field, "string", span) }
        return span.hasEscapes ? span.string(in: line) : cache.text(span.rawBytes(in: line))
    }

    func object(_ field: HubbleField) throws(HubbleFieldError) -> JSONSpan? {
        guard let span = span(field) else { return nil }
        guard span.kind == .object else { throw wrongKind(field, "object", span) }
        return span
    }

    func array(_ field: HubbleField) throws(HubbleFieldError) -> JSONSpan? {
        guard let span = span(field) else { return nil }
        guard span.kind == .array else { throw wrongKind(field, "array", span) }
        return span
    }

    /// An unsigned integer up to `limit`, written as a number or (64-bit style) a digit string.
    func unsigned(_ field: HubbleField, limit: UInt64) throws(HubbleFieldError) -> UInt64? {
        guard let span = span(field) else { return nil }
        guard span.kind == .number || span.kind == .string else { throw wrongKind(field, "number", span) }
        guard let value = span.unsigned64(in: line), value <= limit else {
            throw invalid(
                field,
                "expected an integer from 0 to \(limit), got \(span.kind == .string ? quoted(span) : String(decoding: span.rawBytes(in: line), as: UTF8.self))"
            )
        }
        return value
    }

    func bool(_ field: HubbleField) throws(HubbleFieldError) -> Bool? {
        guard let span = span(field) else { return nil }
        guard let value = span.bool(in: line) else { throw wrongKind(field, "boolean", span) }
        return value
    }

    /// An enum written as its name or its number.
    func enumeration(_ field: HubbleField) throws(HubbleFieldError) -> HubbleEnumValue? {
        guard let span = span(field) else { return nil }
        switch span.kind {
        case .string: return .name(span)
        case .number:
            guard let number = span.integer(in: line), number >= 0, number <= Int64(Int32.max) else {
                throw invalid(field, "invalid enum number \(String(decoding: span.rawBytes(in: line), as: UTF8.self))")
            }
            return .number(Int(number))
        default: throw wrongKind(field, "string or number", span)
        }
    }

    func port(_ field: HubbleField) throws(HubbleFieldError) -> UInt16? {
        try unsigned(field, limit: UInt64(UInt16.max)).map { UInt16($0) }
    }

    func strings(_ field: HubbleField) throws(HubbleFieldError) -> [String] {
        guard let span = try array(field) else { return [] }
        var result: [String] = []
        for element in try elements(of: span, field) {
            guard let text = element.string(in: line) else { throw invalid(field, "expected strings, got \(element.kind)") }
            result.append(text)
        }
        return result
    }

    func elements(of span: JSONSpan, _ field: HubbleField) throws(HubbleFieldError) -> [JSONSpan] {
        do {
            return try HubbleLineParser.scanner.elements(of: span, in: line)
        } catch {
            throw invalid(field, "\(error)")
        }
    }
}

/// An enum field's value: its name's bytes, or its number.
enum HubbleEnumValue {
    case name(JSONSpan)
    case number(Int)
}
