extension CalicoSelector: CustomStringConvertible {
    /// The canonical text of the selector, which parses back to an equal selector.
    ///
    /// It follows Calico's own rendering (`Selector.String()` in `libcalico-go/lib/selector/parser/ast.go`):
    /// one space around operators, values in double quotes unless they contain one (then single quotes), set
    /// values sorted and separated by `", "`, every `&&`/`||` group in parentheses, `!` directly before its
    /// operand: `!(has(b) || !has(a))`, `(a == "x" && tier in {"a", "b"})`. The empty selector renders as `all()`.
    public var description: String {
        var text = ""
        expression.render(into: &text)
        return text
    }
}

extension CalicoSelector.Expression {
    /// Appends the canonical text of this expression to `text`.
    func render(into text: inout String) {
        switch self {
        case .all: text += "all()"
        case .global: text += "global()"
        case .has(let key): text += "has(\(key))"
        case .equals(let key, let value): text += "\(key) == \(Self.quote(value))"
        case .notEquals(let key, let value): text += "\(key) != \(Self.quote(value))"
        case .in(let key, let values): text += "\(key) in {\(values.map(Self.quote).joined(separator: ", "))}"
        case .notIn(let key, let values): text += "\(key) not in {\(values.map(Self.quote).joined(separator: ", "))}"
        case .contains(let key, let substring): text += "\(key) contains \(Self.quote(substring))"
        case .startsWith(let key, let prefix): text += "\(key) starts with \(Self.quote(prefix))"
        case .endsWith(let key, let suffix): text += "\(key) ends with \(Self.quote(suffix))"
        case .not(let operand):
            text += "!"
            operand.render(into: &text)
        case .and(let operands): Self.render(operands, joinedBy: " && ", into: &text)
        case .or(let operands): Self.render(operands, joinedBy: " || ", into: &text)
        }
    }

    private static func render(_ operands: [Self], joinedBy separator: String, into text: inout String) {
        text += "("
        for (index, operand) in operands.enumerated() {
            if index > 0 { text += separator }
            operand.render(into: &text)
        }
        text += ")"
    }

    /// `"value"`, or `'value'` when the value contains a double quote. A value never holds both quote characters,
    /// since the grammar has no escapes.
    static func quote(_ value: String) -> String {
        value.utf8.contains(UInt8(ascii: "\"")) ? "'\(value)'" : "\"\(value)\""
    }
}
