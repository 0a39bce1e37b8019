/// A syntax error in a Calico selector, with the column where the problem is.
///
/// `description` renders as `column 9: expected a quoted string after '==', found 'web'`. Callers that know
/// where the selector came from (file, line, field path) wrap this error with that location.
public struct CalicoSelectorError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, starting with what was expected and ending with what was found.
    public let message: String
    /// The 1-based position, in characters, of the problem in the selector text; one past the last character when
    /// the selector ends too early.
    public let column: Int

    public init(message: String, column: Int) {
        self.message = message
        self.column = column
    }

    /// `column <n>: <message>`.
    public var description: String { "column \(column): \(message)" }
}

extension CalicoSelectorError {
    /// An error at `byteOffset` into the UTF-8 bytes of a selector, its column counted in characters.
    ///
    /// Offsets always fall on an ASCII byte or the end of the text, so the prefix decodes cleanly.
    init(_ message: String, atByteOffset byteOffset: Int, in bytes: [UInt8]) {
        let end = min(max(byteOffset, 0), bytes.count)
        self.init(message: message, column: String(decoding: bytes[..<end], as: UTF8.self).count + 1)
    }

    /// The message used both by the tokenizer and the parser when a label is not followed by an operator.
    static func operatorExpectation(afterLabel label: String) -> String {
        "expected an operator (==, !=, in, not in, contains, starts with, ends with) after label \(quoted(label))"
    }

    /// `'text'`, shortened and made visible by ``shown(_:)``.
    static func quoted(_ text: String) -> String {
        "'\(shown(text))'"
    }

    /// Input text as a message shows it: on one line, with control characters and whitespace other than a space
    /// escaped (`\n`, `\u{00A0}`), and shortened to 40 characters so that a long label or value cannot flood it.
    static func shown(_ text: String) -> String {
        let shortened = text.count > 40 ? "\(text.prefix(40))…" : text
        var shown = ""
        for scalar in shortened.unicodeScalars {
            let visible =
                scalar == " " || (!scalar.properties.isWhitespace && scalar.value >= 0x20 && !(0x7F...0x9F).contains(scalar.value))
            shown += visible ? String(scalar) : scalar.escaped(asASCII: true)
        }
        return shown
    }
}
