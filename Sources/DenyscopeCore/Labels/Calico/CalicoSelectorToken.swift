/// One token of a Calico selector and the byte offset where it starts.
struct CalicoSelectorToken: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        case label(String)
        case string(String)
        /// `has(k)`, scanned as one token as Calico does.
        case has(String)
        case all
        case global
        case leftParen
        case rightParen
        case leftBrace
        case rightBrace
        case comma
        case equals
        case notEquals
        case contains
        case startsWith
        case endsWith
        case `in`
        case notIn
        case not
        case and
        case or
        case end
    }

    let kind: Kind
    /// Offset of the token's first byte in the UTF-8 text; the text's length for `.end`.
    let offset: Int
}

extension CalicoSelectorToken.Kind {
    /// How an error message names the token: `'web'`, `string "web"`, `'=='`, `end of selector`.
    var spelling: String {
        switch self {
        case .label(let key): return CalicoSelectorError.quoted(key)
        case .string(let value): return "string \(CalicoSelector.Expression.quote(CalicoSelectorError.shown(value)))"
        case .has(let key): return CalicoSelectorError.quoted("has(\(key))")
        case .end: return "end of selector"
        default: return "'\(symbol)'"
        }
    }

    /// The text of an operator or punctuation token, as written in the canonical form.
    var symbol: String {
        switch self {
        case .all: return "all()"
        case .global: return "global()"
        case .leftParen: return "("
        case .rightParen: return ")"
        case .leftBrace: return "{"
        case .rightBrace: return "}"
        case .comma: return ","
        case .equals: return "=="
        case .notEquals: return "!="
        case .contains: return "contains"
        case .startsWith: return "starts with"
        case .endsWith: return "ends with"
        case .in: return "in"
        case .notIn: return "not in"
        case .not: return "!"
        case .and: return "&&"
        case .or: return "||"
        case .label(let text), .string(let text): return text
        case .has(let key): return "has(\(key))"
        case .end: return ""
        }
    }
}
