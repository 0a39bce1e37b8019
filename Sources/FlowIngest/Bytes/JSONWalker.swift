/// The grammar walk behind `JSONFieldScanner`: a bounds-checked cursor over a byte buffer.
///
/// Recursion depth is bounded by `maxDepth`; every read checks `index < limit` first.
struct JSONWalker {
    /// See `topLevelObject`.
    typealias KnownObject = (_ slot: Int, _ rest: UnsafeRawBufferPointer) -> Int?

    let buffer: UnsafeRawBufferPointer
    var index: Int
    let limit: Int
    let maxDepth: Int

    @inline(__always) func byte(_ offset: Int) -> UInt8 { buffer[offset] }

    @inline(__always) mutating func skipWhitespace() {
        while index < limit {
            let value = buffer[index]
            guard value == 0x20 || value == 0x0A || value == 0x0D || value == 0x09 else { return }
            index += 1
        }
    }

    func unexpected(_ expectation: String) -> JSONScanError {
        guard index < limit else { return JSONScanError("unexpected end of input, expected \(expectation)", at: index) }
        return JSONScanError("unexpected \(describeByte(buffer[index])), expected \(expectation)", at: index)
    }

    // MARK: Extraction

    /// - Parameter knownObject: for an object that is the value of a slot, the length of the
    ///   object the rest of the buffer starts with if that object was read before; it is then
    ///   passed over, and the slots inside it are left empty.
    mutating func topLevelObject(
        keys: JSONKeyIndex.View, slots: UnsafeMutableBufferPointer<JSONSpan?>, knownObject: KnownObject
    ) throws(JSONScanError) {
        skipWhitespace()
        guard index < limit, buffer[index] == UInt8(ascii: "{") else { throw unexpected("a JSON object") }
        _ = try extractObject(node: 0, keys: keys, slots: slots, depth: 1, knownObject: knownObject)
        skipWhitespace()
        guard index == limit else { throw unexpected("end of line after the object") }
    }

    /// Walks an object at `index` (on its `{`), storing the spans of the edges of `node`.
    private mutating func extractObject(
        node: Int, keys: JSONKeyIndex.View, slots: UnsafeMutableBufferPointer<JSONSpan?>, depth: Int, knownObject: KnownObject
    ) throws(JSONScanError) -> JSONSpan {
        guard depth <= maxDepth else { throw JSONScanError("nesting deeper than \(maxDepth) levels", at: index) }
        let start = index
        index += 1
        skipWhitespace()
        if index < limit, buffer[index] == UInt8(ascii: "}") {
            index += 1
            return JSONSpan(kind: .object, start: start, end: index)
        }
        while true {
            skipWhitespace()
            guard index < limit, buffer[index] == UInt8(ascii: "\"") else { throw unexpected("a string key") }
            let key = try string()
            skipWhitespace()
            guard index < limit, buffer[index] == UInt8(ascii: ":") else { throw unexpected("':'") }
            index += 1
            skipWhitespace()
            let entry = key.hasEscapes ? nil : keys.entry(node: node, key: key.start, length: key.count, in: buffer)
            let value: JSONSpan
            if let entry, entry.child >= 0, index < limit, buffer[index] == UInt8(ascii: "{") {
                if entry.slot >= 0,
                    let length = knownObject(Int(entry.slot), UnsafeRawBufferPointer(rebasing: buffer[index..<limit])),
                    length > 0, length <= limit - index
                {
                    value = JSONSpan(kind: .object, start: index, end: index + length)
                    index += length
                } else {
                    value = try extractObject(node: Int(entry.child), keys: keys, slots: slots, depth: depth + 1, knownObject: knownObject)
                }
            } else {
                value = try skipValue(depth: depth)
            }
            if let slot = entry?.slot, slot >= 0 { slots[Int(slot)] = value }
            skipWhitespace()
            guard index < limit else { throw unexpected("',' or '}'") }
            let next = buffer[index]
            index += 1
            if next == UInt8(ascii: ",") { continue }
            if next == UInt8(ascii: "}") { return JSONSpan(kind: .object, start: start, end: index) }
            index -= 1
            throw unexpected("',' or '}'")
        }
    }

    // MARK: Grammar

    /// Validates and passes over any value at `index` (after whitespace), returning its span.
    mutating func skipValue(depth: Int) throws(JSONScanError) -> JSONSpan {
        guard index < limit else { throw unexpected("a value") }
        switch buffer[index] {
        case UInt8(ascii: "{"): return try object(depth: depth + 1) { _, _ in }
        case UInt8(ascii: "["): return try array(depth: depth + 1) { _ in }
        case UInt8(ascii: "\""): return try string()
        case UInt8(ascii: "t"): return try literal("true", kind: .bool)
        case UInt8(ascii: "f"): return try literal("false", kind: .bool)
        case UInt8(ascii: "n"): return try literal("null", kind: .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw unexpected("a value")
        }
    }

    /// An object at `index` (on its `{`), calling `member` for each key and value.
    mutating func object(
        depth: Int, _ member: (JSONSpan, JSONSpan) -> Void
    ) throws(JSONScanError) -> JSONSpan {
        guard depth <= maxDepth else { throw JSONScanError("nesting deeper than \(maxDepth) levels", at: index) }
        let start = index
        index += 1
        skipWhitespace()
        if index < limit, buffer[index] == UInt8(ascii: "}") {
            index += 1
            return JSONSpan(kind: .object, start: start, end: index)
        }
        while true {
            skipWhitespace()
            guard index < limit, buffer[index] == UInt8(ascii: "\"") else { throw unexpected("a string key") }
            let key = try string()
            skipWhitespace()
            guard index < limit, buffer[index] == UInt8(ascii: ":") else { throw unexpected("':'") }
            index += 1
            skipWhitespace()
            let value = try skipValue(depth: depth)
            member(key, value)
            skipWhitespace()
            guard index < limit else { throw unexpected("',' or '}'") }
            let next = buffer[index]
            index += 1
            if next == UInt8(ascii: ",") { continue }
            if next == UInt8(ascii: "}") { return JSONSpan(kind: .object, start: start, end: index) }
            index -= 1
            throw unexpected("',' or '}'")
        }
    }

    /// An array at `index` (on its `[`), calling `element` for each element.
    mutating func array(depth: Int, _ element: (JSONSpan) -> Void) throws(JSONScanError) -> JSONSpan {
        guard depth <= maxDepth else { throw JSONScanError("nesting deeper than \(maxDepth) levels", at: index) }
        let start = index
        index += 1
        skipWhitespace()
        if index < limit, buffer[index] == UInt8(ascii: "]") {
            index += 1
            return JSONSpan(kind: .array, start: start, end: index)
        }
        while true {
            skipWhitespace()
            element(try skipValue(depth: depth))
            skipWhitespace()
            guard index < limit else { throw unexpected("',' or ']'") }
            let next = buffer[index]
            index += 1
            if next == UInt8(ascii: ",") { continue }
            if next == UInt8(ascii: "]") { return JSONSpan(kind: .array, start: start, end: index) }
            index -= 1
            throw unexpected("',' or ']'")
        }
    }

    /// A string at `index` (on its opening quote). Escapes are checked, not decoded.
    mutating func string() throws(JSONScanError) -> JSONSpan {
        let open = index
        index += 1
        let start = index
        var escapes = false
        while true {
            // Eight bytes at a time, up to the first quote, backslash or control byte.
            while index + 8 <= limit {
                let word = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let attention = Self.attentionBits(word)
                guard attention == 0 else {
                    index += attention.trailingZeroBitCount >> 3
                    break
                }
                index += 8
            }
            guard index < limit else { throw JSONScanError("unterminated string", at: open) }
            let value = buffer[index]
            if value == UInt8(ascii: "\"") {
                index += 1
                return JSONSpan(kind: .string, start: start, end: index - 1, hasEscapes: escapes)
            }
            if value == UInt8(ascii: "\\") {
                escapes = true
                try escape()
            } else if value < 0x20 {
                throw JSONScanError("control character \(describeByte(value)) in string", at: index)
            } else {
                index += 1
            }
        }
    }

    /// The high bit of each byte of `word` (little-endian) that may be `"`, `\` or below 0x20:
    /// zero when there is none, and the lowest bit set marks the first such byte exactly (a
    /// borrow can only flag bytes above a true one).
    @inline(__always) static func attentionBits(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let hasControl = (word &- ones &* 0x20) & ~word & (ones &* 0x80)
        return WordSearch.bytes(equalTo: UInt8(ascii: "\""), in: word)
            | WordSearch.bytes(equalTo: UInt8(ascii: "\\"), in: word) | hasControl
    }

    private mutating func escape() throws(JSONScanError) {
        guard index + 1 < limit else { throw JSONScanError("unterminated string", at: index) }
        switch buffer[index + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            index += 2
        case UInt8(ascii: "u"):
            guard index + 6 <= limit else { throw JSONScanError("truncated \\u escape", at: index) }
            for offset in 2..<6 where hexDigitValue(buffer[index + offset]) == nil {
                throw JSONScanError("invalid \\u escape", at: index)
            }
            index += 6
        default:
            throw JSONScanError("invalid escape \\\(describeByte(buffer[index + 1], quoted: false))", at: index)
        }
    }

    private mutating func number() throws(JSONScanError) -> JSONSpan {
        let start = index
        if buffer[index] == UInt8(ascii: "-") { index += 1 }
        guard index < limit, isDigit(buffer[index]) else { throw JSONScanError("invalid number", at: start) }
        if buffer[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < limit, isDigit(buffer[index]) { index += 1 }
        }
        if index < limit, buffer[index] == UInt8(ascii: ".") {
            index += 1
            guard index < limit, isDigit(buffer[index]) else { throw JSONScanError("invalid number", at: start) }
            while index < limit, isDigit(buffer[index]) { index += 1 }
        }
        if index < limit, buffer[index] == UInt8(ascii: "e") || buffer[index] == UInt8(ascii: "E") {
            index += 1
            if index < limit, buffer[index] == UInt8(ascii: "+") || buffer[index] == UInt8(ascii: "-") { index += 1 }
            guard index < limit, isDigit(buffer[index]) else { throw JSONScanError("invalid number", at: start) }
            while index < limit, isDigit(buffer[index]) { index += 1 }
        }
        return JSONSpan(kind: .number, start: start, end: index)
    }

    private mutating func literal(_ text: StaticString, kind: JSONSpan.Kind) throws(JSONScanError) -> JSONSpan {
        let start = index
        let count = text.utf8CodeUnitCount
        guard index + count <= limit else { throw JSONScanError("invalid literal", at: start) }
        for offset in 0..<count where buffer[index + offset] != text.utf8Start[offset] {
            throw JSONScanError("invalid literal", at: start)
        }
        index += count
        return JSONSpan(kind: kind, start: start, end: index)
    }
}

@inline(__always) func isDigit(_ value: UInt8) -> Bool {
    value >= UInt8(ascii: "0") && value <= UInt8(ascii: "9")
}

@inline(__always) func hexDigitValue(_ value: UInt8) -> UInt8? {
    switch value {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return value - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return value - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return value - UInt8(ascii: "A") + 10
    default: return nil
    }
}

/// `'x'` for printable ASCII, `byte 0x1F` otherwise.
func describeByte(_ value: UInt8, quoted: Bool = true) -> String {
    if value >= 0x21, value < 0x7F {
        let character = String(UnicodeScalar(value))
        return quoted ? "'\(character)'" : character
    }
    let hex = String(value, radix: 16, uppercase: true)
    return "byte 0x" + (hex.count < 2 ? "0" + hex : hex)
}
