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
        if Self.isNull(text) {
            self = .null
            return
        }
        // The words below are at most six bytes long: longer names skip comparing with each.
        switch text.utf8.count <= 6 ? text : "" {
        case "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON": self = .bool(true)
        case "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF": self = .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": self = .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": self = .float(-.infinity)
        case ".nan", ".NaN", ".NAN": self = .float(.nan)
        default:
            // Numbers start with a digit, a sign or a dot: most scalars are names, decided here.
            guard let first = text.utf8.first, (0x30...0x39).contains(first) || first == 0x2B || first == 0x2D || first == 0x2E
            else {
                self = .string
                return
            }
            if let value = Self.integer(text) {
                self = .int(value)
            } else if let value = Self.float(text) {
                self = .float(value)
            } else {
                self = .string
            }
        }
    }

    /// Whether the text is YAML's null (`~`, `null`, nothing), without classifying it further.
    static func isNull(_ text: String) -> Bool {
        guard text.utf8.count <= 4 else { return false }
        switch text {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// `[-+]?` then `0b[01_]+`, `0x[0-9a-fA-F_]+`, `0o?[0-7_]+` (a leading 0 is octal), `0`, or
    /// `[1-9][0-9_]*`; `nil` when it is not one or does not fit an `Int`.
    private static func integer(_ text: String) -> Int? {
        var digits = Substring(text)
        let negative = digits.first == "-"
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        let radix: Int
        if digits.hasPrefix("0b") {
            radix = 2
            digits = digits.dropFirst(2)
        } else if digits.hasPrefix("0x") {
            radix = 16
            digits = digits.dropFirst(2)
        } else if digits.hasPrefix("0o") {
            radix = 8
            digits = digits.dropFirst(2)
        } else if digits.hasPrefix("0"), digits.count > 1 {
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
