/// The YAML 1.1 type of a plain (unquoted) scalar, as Yams' default resolver decides it, without
/// regular expressions: the resolver tried up to seven on every scalar, mapping keys included,
/// and was most of the time a 5,000-pod snapshot took to load. Sexagesimal numbers (`1:30`) are
/// strings here, as in the YAML libraries Kubernetes uses.
enum PlainScalar: Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string

    init(_ text: String) {
        self = text.utf8.withContiguousStorageIfAvailable { Self.classify($0, text) } ?? Self.classify(Array(text.utf8), text)
    }

    /// Decided on the bytes: comparing the text with each keyword as a `String` was most of the
    /// time spent here. Every typed form is ASCII, so a text with any other byte is a string.
    private static func classify<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, _ text: String) -> PlainScalar {
        if let key = keywordKey(bytes), let keyword = keywords[key] { return keyword }
        // Numbers start with a digit, a sign or a dot: most scalars are names, decided here.
        guard let first = bytes.first, (0x30...0x39).contains(first) || first == 0x2B || first == 0x2D || first == 0x2E,
            bytes.allSatisfy({ $0 < 0x80 }),
            // No number has two dots: addresses (10.0.0.1) are strings without trying both forms.
            bytes.lazy.filter({ $0 == 0x2E }).count < 2
        else { return .string }
        if let value = integer(text) { return .int(value) }
        if let value = float(text) { return .float(value) }
        return .string
    }

    /// Whether the text is YAML's null (`~`, `null`, nothing), without classifying it further.
    static func isNull(_ text: String) -> Bool {
        guard text.utf8.count <= 4, let key = keywordKey(text.utf8) else { return false }
        return nullKeys.contains(key)
    }

    /// The keys of the null words, compared one by one: cheaper than hashing for five.
    private static let nullKeys = keywords.filter { $0.value == .null }.map(\.key)

    /// The null, boolean and special float words, by `keywordKey`.
    private static let keywords: [UInt64: PlainScalar] = {
        let words: [(PlainScalar, [String])] = [
            (.null, ["", "~", "null", "Null", "NULL"]),
            (.bool(true), ["yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]),
            (.bool(false), ["no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]),
            (.float(.infinity), [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"]),
            (.float(-.infinity), ["-.inf", "-.Inf", "-.INF"]),
            (.float(.nan), [".nan", ".NaN", ".NAN"]),
        ]
        var table: [UInt64: PlainScalar] = [:]
        for (value, spellings) in words {
            for spelling in spellings {
                if let key = keywordKey(spelling.utf8) { table[key] = value }
            }
        }
        return table
    }()

    /// Up to six bytes and their count in one word; `nil` for longer texts, which no keyword is.
    private static func keywordKey<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> UInt64? {
        var key: UInt64 = 0
        var count: UInt64 = 0
        for byte in bytes {
            guard count < 6 else { return nil }
            key |= UInt64(byte) << (8 * (count + 1))
            count += 1
        }
        return key | count
    }

    /// `[-+]?` then `0b[01_]+`, `0x[0-9a-fA-F_]+`, `0o?[0-7_]+` (a leading 0 is octal), `0`, or
    /// `[1-9][0-9_]*`; `nil` when it is not one or does not fit an `Int`.
    private static func integer(_ text: String) -> Int? {
        var digits = Substring(text)
        let negative = digits.first == "-"
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        let radix: Int
        // The prefix read from the bytes (the text is ASCII): `hasPrefix` went through generic
        // sequence comparison.
        var prefix = digits.utf8.makeIterator()
        let (first, second) = (prefix.next(), prefix.next())
        if first == UInt8(ascii: "0"), second == UInt8(ascii: "b") {
            radix = 2
            digits = digits.dropFirst(2)
        } else if first == UInt8(ascii: "0"), second == UInt8(ascii: "x") {
            radix = 16
            digits = digits.dropFirst(2)
        } else if first == UInt8(ascii: "0"), second == UInt8(ascii: "o") {
            radix = 8
            digits = digits.dropFirst(2)
        } else if first == UInt8(ascii: "0"), second != nil {
            radix = 8
            digits = digits.dropFirst()
        } else {
            radix = 10
        }
        guard !digits.isEmpty, digits.first != "_" || radix != 10 else { return nil }
        // Most numbers have no `_`: filtering them would allocate a string for every scalar tried.
        // (A byte search: `contains("_")` with a string goes through Foundation's `range(of:)`.)
        let cleaned = digits.utf8.contains(UInt8(ascii: "_")) ? Substring(digits.filter { $0 != "_" }) : digits
        guard let first = cleaned.first, first != "-", first != "+", let magnitude = Int(cleaned, radix: radix) else { return nil }
        return negative ? -magnitude : magnitude
    }

    /// `[-+]?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?` or `\.[0-9_]+([eE][-+][0-9]+)?`.
    private static func float(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        var index = 0
        func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
        func skipDigits(allowingUnderscore: Bool) -> Int {
            let start = index
            while index < bytes.count, isDigit(bytes[index]) || (allowingUnderscore && bytes[index] == 0x5F) { index += 1 }
            return index - start
        }
        let signed = bytes.first == 0x2B || bytes.first == 0x2D
        if signed { index += 1 }
        let exponentNeedsSign: Bool
        if index < bytes.count, isDigit(bytes[index]) {
            _ = skipDigits(allowingUnderscore: true)
            if index < bytes.count, bytes[index] == 0x2E {
                index += 1
                _ = skipDigits(allowingUnderscore: true)
            }
            exponentNeedsSign = false
        } else {
            guard !signed, index < bytes.count, bytes[index] == 0x2E else { return nil }
            index += 1
            guard skipDigits(allowingUnderscore: true) > 0 else { return nil }
            exponentNeedsSign = true
        }
        if index < bytes.count, bytes[index] == 0x45 || bytes[index] == 0x65 {
            index += 1
            let hasSign = index < bytes.count && (bytes[index] == 0x2B || bytes[index] == 0x2D)
            guard hasSign || !exponentNeedsSign else { return nil }
            if hasSign { index += 1 }
            guard skipDigits(allowingUnderscore: false) > 0 else { return nil }
        }
        guard index == bytes.count else { return nil }
        return Double(text.filter { $0 != "_" })
    }
}
