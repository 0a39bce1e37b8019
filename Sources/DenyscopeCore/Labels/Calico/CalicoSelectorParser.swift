/// A recursive-descent parser for Calico selectors, pulling one token at a time from the tokenizer.
///
/// Precedence, loosest first: `||`, `&&`, prefix `!`, then a primary (comparison, function or parenthesized
/// selector), as in `libcalico-go/lib/selector/parser`. A run of `!` collapses to one or none. Because tokens are
/// read lazily, the error reported is always the leftmost one, whether the tokenizer or the parser finds it.
struct CalicoSelectorParser {
    private var tokenizer: CalicoSelectorTokenizer
    private var current: CalicoSelectorToken

    init(_ text: String) throws(CalicoSelectorError) {
        tokenizer = CalicoSelectorTokenizer(text)
        current = try tokenizer.next()
    }

    /// The whole selector: `all()` when it is blank, else one `||` expression followed by the end of the text.
    mutating func parseSelector() throws(CalicoSelectorError) -> CalicoSelector.Expression {
        if current.kind == .end { return .all }
        let expression = try parseOr(depth: 0, after: nil)
        guard current.kind == .end else { throw unexpected("expected '&&', '||' or end of selector") }
        return expression
    }

    private mutating func advance() throws(CalicoSelectorError) {
        current = try tokenizer.next()
    }

    private func unexpected(_ expectation: String) -> CalicoSelectorError {
        tokenizer.error("\(expectation), found \(current.kind.spelling)", at: current.offset)
    }

    /// `and ( "||" and )*`. `context` names the token before the first operand, for error messages.
    private mutating func parseOr(depth: Int, after context: String?) throws(CalicoSelectorError) -> CalicoSelector.Expression {
        var operands = [try parseAnd(depth: depth, after: context)]
        while current.kind == .or {
            try advance()
            operands.append(try parseAnd(depth: depth, after: "'||'"))
        }
        return operands.count == 1 ? operands[0] : .or(operands)
    }

    /// `unary ( "&&" unary )*`.
    private mutating func parseAnd(depth: Int, after context: String?) throws(CalicoSelectorError) -> CalicoSelector.Expression {
        var operands = [try parseUnary(depth: depth, after: context)]
        while current.kind == .and {
            try advance()
            operands.append(try parseUnary(depth: depth, after: "'&&'"))
        }
        return operands.count == 1 ? operands[0] : .and(operands)
    }

    /// `"!"* primary`; an even number of `!` cancels out.
    private mutating func parseUnary(depth: Int, after context: String?) throws(CalicoSelectorError) -> CalicoSelector.Expression {
        var negated = false
        var context = context
        while current.kind == .not {
            negated.toggle()
            context = "'!'"
            try advance()
        }
        let primary = try parsePrimary(depth: depth, after: context)
        return negated ? primary.negated : primary
    }

    private mutating func parsePrimary(depth: Int, after context: String?) throws(CalicoSelectorError) -> CalicoSelector.Expression {
        switch current.kind {
        case .all:
            try advance()
            return .all
        case .global:
            try advance()
            return .global
        case .has(let key):
            try advance()
            return .has(key: key)
        case .label(let key):
            try advance()
            return try parseComparison(key: key)
        case .leftParen:
            guard depth < CalicoSelector.maximumNestingDepth else {
                throw tokenizer.error("parentheses nest deeper than \(CalicoSelector.maximumNestingDepth) levels", at: current.offset)
            }
            let opening = current.offset
            try advance()
            let inner = try parseOr(depth: depth + 1, after: "'('")
            guard current.kind == .rightParen else {
                throw unexpected("expected '&&', '||' or ')' to close the '(' at column \(tokenizer.column(at: opening))")
            }
            try advance()
            return inner
        default:
            throw unexpected(context.map { "expected an expression after \($0)" } ?? "expected an expression")
        }
    }

    /// The operator and operand after a label.
    private mutating func parseComparison(key: String) throws(CalicoSelectorError) -> CalicoSelector.Expression {
        let operation = current.kind
        switch operation {
        case .equals, .notEquals, .contains, .startsWith, .endsWith:
            try advance()
            guard case .string(let value) = current.kind else {
                throw unexpected("expected a quoted string after '\(operation.symbol)'")
            }
            try advance()
            switch operation {
            case .equals: return .equals(key: key, value: value)
            case .notEquals: return .notEquals(key: key, value: value)
            case .contains: return .contains(key: key, substring: value)
            case .startsWith: return .startsWith(key: key, prefix: value)
            default: return .endsWith(key: key, suffix: value)
            }
        case .in, .notIn:
            try advance()
            let values = try parseSet(after: operation.symbol)
            return operation == .in ? .in(key: key, values: values) : .notIn(key: key, values: values)
        default:
            throw unexpected(CalicoSelectorError.operatorExpectation(afterLabel: key))
        }
    }

    /// `"{" [ string ( "," string )* [","] ] "}"`: Calico accepts an empty set and a trailing comma.
    private mutating func parseSet(after operation: String) throws(CalicoSelectorError) -> [String] {
        guard current.kind == .leftBrace else { throw unexpected("expected '{' after '\(operation)'") }
        try advance()
        var values: [String] = []
        var afterValue = false
        while case .string(let value) = current.kind {
            values.append(value)
            try advance()
            guard current.kind == .comma else {
                afterValue = true
                break
            }
            try advance()
        }
        guard current.kind == .rightBrace else {
            throw unexpected(afterValue ? "expected ',' or '}' in the set" : "expected a quoted string or '}' in the set")
        }
        try advance()
        return CalicoSelector.Expression.normalizedSet(values)
    }
}
