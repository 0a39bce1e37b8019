/// Where one JSON value lies in a buffer, and what kind it is; found by `JSONFieldScanner`.
///
/// Spans are byte offsets into the buffer that was scanned and are only meaningful with it.
public struct JSONSpan: Hashable, Sendable {
    /// The kind of JSON value.
    public enum Kind: UInt8, Hashable, Sendable, CustomStringConvertible {
        case object, array, string, number, bool, null

        public var description: String {
            switch self {
            case .object: return "object"
            case .array: return "array"
            case .string: return "string"
            case .number: return "number"
            case .bool: return "boolean"
            case .null: return "null"
            }
        }
    }

    public let kind: Kind
    /// The first byte: for strings the first byte after the opening quote; for objects and arrays
    /// the opening bracket.
    public let start: Int
    /// One past the last byte: for strings the closing quote; for objects and arrays one past the
    /// closing bracket.
    public let end: Int
    /// For strings: whether the text contains backslash escapes (and so needs decoding).
    public let hasEscapes: Bool

    public init(kind: Kind, start: Int, end: Int, hasEscapes: Bool = false) {
        self.kind = kind
        self.start = start
        self.end = end
        self.hasEscapes = hasEscapes
    }

    /// The number of bytes between `start` and `end`.
    public var count: Int { end - start }
}

/// Malformed JSON: what was wrong and the 0-based byte offset where the scanner noticed it.
public struct JSONScanError: Error, Hashable, Sendable, CustomStringConvertible {
    public let offset: Int
    public let message: String

    public init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }

    /// `unterminated string at column 58` (columns are 1-based, as editors count them).
    public var description: String { "\(message) at column \(offset + 1)" }
}
