/// Splits a Calico selector into tokens on demand, as `libcalico-go/lib/selector/tokenizer` does.
///
/// The scan works on UTF-8 bytes: every delimiter, operator and label character is ASCII, so string values are
/// the bytes between two quotes. Like Calico's tokenizer it is context-sensitive: right after a label, a word is
/// an operator (`contains`, `in`, `not in`, `starts with`, `ends with`) and anything else is an error; elsewhere
/// `has(`, `all(` and `global(` start a function and other words are labels. Every read is bounds-checked.
struct CalicoSelectorTokenizer {
    let bytes: [UInt8]
    private var position = 0
    /// The label just scanned, if the previous token was one: the next word must be an operator.
    private var labelBeforeOperator: String?

    init(_ text: String) {
        self.bytes = Array(text.utf8)
    }

    /// The next token, `.end` once the text is exhausted (and on every call after that).
    mutating func next() throws(CalicoSelectorError) -> CalicoSelectorToken {
        skipWhitespace()
        let start = position
        let kind = try scanToken()
        if case .label(let key) = kind { labelBeforeOperator = key } else { labelBeforeOperator = nil }
        return CalicoSelectorToken(kind: kind, offset: start)
    }

    /// An error at `offset`, its column counted in characters of the text.
    func error(_ message: String, at offset: Int) -> CalicoSelectorError {
        CalicoSelectorError(message, atByteOffset: offset, in: bytes)
    }

    /// The 1-based column, in characters, of the byte at `offset`. O(offset): call it only to report an error.
    func column(at offset: Int) -> Int {
        error("", at: offset).column
    }

    private mutating func scanToken() throws(CalicoSelectorError) -> CalicoSelectorToken.Kind {
        guard let byte = byte(at: position) else { return .end }
        switch byte {
        case UInt8(ascii: "("): return advance(by: 1, returning: .leftParen)
        case UInt8(ascii: ")"): return advance(by: 1, returning: .rightParen)
        case UInt8(ascii: "{"): return advance(by: 1, returning: .leftBrace)
        case UInt8(ascii: "}"): return advance(by: 1, returning: .rightBrace)
        case UInt8(ascii: ","): return advance(by: 1, returning: .comma)
        case UInt8(ascii: "'"), UInt8(ascii: "\""): return .string(try scanString(quote: byte))
        case UInt8(ascii: "!"):
            return self.byte(at: position + 1) == UInt8(ascii: "=")
                ? advance(by: 2, returning: .notEquals) : advance(by: 1, returning: .not)
        case UInt8(ascii: "="): return try scanDoubled(byte, as: .equals, hint: "use '==' to compare a label with a value")
        case UInt8(ascii: "&"): return try scanDoubled(byte, as: .and, hint: "use '&&' for 'and'")
        case UInt8(ascii: "|"): return try scanDoubled(byte, as: .or, hint: "use '||' for 'or'")
        default:
            if let label = labelBeforeOperator { return try scanOperator(after: label) }
            if let function = try scanFunction() { return function }
            return .label(try scanLabel())
        }
    }

    private mutating func advance(by count: Int, returning kind: CalicoSelectorToken.Kind) -> CalicoSelectorToken.Kind {
        position += count
        return kind
    }

    /// `==`, `&&` or `||`: the single character alone is not an operator.
    private mutating func scanDoubled(
        _ byte: UInt8, as kind: CalicoSelectorToken.Kind, hint: String
    ) throws(CalicoSelectorError) -> CalicoSelectorToken.Kind {
        guard self.byte(at: position + 1) == byte else {
            throw error("unknown operator '\(Character(Unicode.Scalar(byte)))': \(hint)", at: position)
        }
        return advance(by: 2, returning: kind)
    }

    /// A quoted value: everything up to the next quote of the same kind. There are no escapes.
    private mutating func scanString(quote: UInt8) throws(CalicoSelectorError) -> String {
        let start = position
        var end = start + 1
        while let byte = byte(at: end), byte != quote { end += 1 }
        guard end < bytes.count else {
            let name = quote == UInt8(ascii: "'") ? "single quote (')" : "double quote (\")"
            throw error("unterminated string: missing the closing \(name)", at: start)
        }
        position = end + 1
        return String(decoding: bytes[(start + 1)..<end], as: UTF8.self)
    }

    /// The operator after a label. `not in`, `starts with` and `ends with` may be written with any spaces or tabs
    /// between their two words, or none (`notin`); the operator must end at a word boundary.
    private mutating func scanOperator(after label: String) throws(CalicoSelectorError) -> CalicoSelectorToken.Kind {
        let start = position
        let word = scanWord()
        switch word {
        case "contains": return .contains
        case "in": return .in
        case "notin": return .notIn
        case "startswith": return .startsWith
        case "endswith": return .endsWith
        case "not": return try scanSecondWord("in", after: word, as: .notIn)
        case "starts": return try scanSecondWord("with", after: word, as: .startsWith)
        case "ends": return try scanSecondWord("with", after: word, as: .endsWith)
        default:
            throw error("\(CalicoSelectorError.operatorExpectation(afterLabel: label)), found \(textFound(at: start))", at: start)
        }
    }

    private mutating func scanSecondWord(
        _ expected: String, after first: String, as kind: CalicoSelectorToken.Kind
    ) throws(CalicoSelectorError) -> CalicoSelectorToken.Kind {
        skipWhitespace()
        let start = position
        guard scanWord() == expected else {
            throw error("expected '\(expected)' after '\(first)', found \(textFound(at: start))", at: start)
        }
        return kind
    }

    /// `has(k)`, `all()` or `global()`, or nil when the text here starts none of them. The name must be followed
    /// directly by `(`; spaces and tabs are allowed inside the parentheses.
    private mutating func scanFunction() throws(CalicoSelectorError) -> CalicoSelectorToken.Kind? {
        let start = position
        if hasPrefix("has(") {
            position += 4
            skipWhitespace()
            let keyStart = position
            let key = scanWord()
            guard !key.isEmpty else { throw error("expected a label name after 'has(', found \(textFound(at: keyStart))", at: keyStart) }
            try checkLength(of: key, at: keyStart)
            try scanClosingParenthesis(of: "has(", at: start)
            return .has(key)
        }
        for (name, kind) in [("all(", CalicoSelectorToken.Kind.all), ("global(", .global)] where hasPrefix(name) {
            position += name.utf8.count
            try scanClosingParenthesis(of: name, at: start)
            return kind
        }
        return nil
    }

    private mutating func scanClosingParenthesis(of function: String, at start: Int) throws(CalicoSelectorError) {
        skipWhitespace()
        guard byte(at: position) == UInt8(ascii: ")") else {
            throw error(
                "expected ')' to close '\(function)' at column \(column(at: start)), found \(textFound(at: position))", at: position)
        }
        position += 1
    }

    private mutating func scanLabel() throws(CalicoSelectorError) -> String {
        let start = position
        let key = scanWord()
        guard !key.isEmpty else { throw error("unexpected character \(characterFound(at: start))", at: start) }
        try checkLength(of: key, at: start)
        return key
    }

    private func checkLength(of key: String, at start: Int) throws(CalicoSelectorError) {
        guard key.utf8.count <= CalicoSelector.maximumLabelLength else {
            throw error(
                "label \(CalicoSelectorError.quoted(key)) is longer than \(CalicoSelector.maximumLabelLength) characters", at: start)
        }
    }

    /// Consumes the longest run of label characters (`A-Z a-z 0-9 _ . / -`) and returns it, possibly empty.
    private mutating func scanWord() -> String {
        let start = position
        while let byte = byte(at: position), Self.isLabelByte(byte) { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func skipWhitespace() {
        while let byte = byte(at: position), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { position += 1 }
    }

    private func byte(at offset: Int) -> UInt8? {
        offset >= 0 && offset < bytes.count ? bytes[offset] : nil
    }

    private func hasPrefix(_ literal: String) -> Bool {
        let end = position + literal.utf8.count
        return end <= bytes.count && bytes[position..<end].elementsEqual(literal.utf8)
    }

    /// What an error message says it found at `offset`: a word, a character, or the end of the selector.
    private func textFound(at offset: Int) -> String {
        guard offset < bytes.count else { return "end of selector" }
        var end = offset
        while let byte = byte(at: end), Self.isLabelByte(byte) { end += 1 }
        if end > offset { return CalicoSelectorError.quoted(String(decoding: bytes[offset..<end], as: UTF8.self)) }
        return characterFound(at: offset)
    }

    /// The character at `offset`, quoted (escaped when invisible), with a hint when it is whitespace other than a
    /// space or tab.
    private func characterFound(at offset: Int) -> String {
        guard let character = String(decoding: bytes[min(offset, bytes.count)...], as: UTF8.self).first else {
            return "end of selector"
        }
        if character == "'" { return "\"'\"" }
        let shown = CalicoSelectorError.quoted(String(character))
        return character.isWhitespace ? "\(shown) (only spaces and tabs may separate tokens)" : shown
    }

    static func isLabelByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }
}
