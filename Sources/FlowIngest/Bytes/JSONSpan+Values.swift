/// Reading the values a scan found, straight from the bytes.
extension JSONSpan {
    /// Whether this is a string whose bytes equal `text` (no decoding, no allocation).
    @inline(__always) public func isString(_ text: StaticString, in buffer: UnsafeRawBufferPointer) -> Bool {
        guard kind == .string, !hasEscapes, count == text.utf8CodeUnitCount else { return false }
        let bytes = text.utf8Start
        for offset in 0..<count where buffer[start + offset] != bytes[offset] { return false }
        return true
    }

    /// Whether the raw bytes of this span (a string's contents, or a literal) equal `bytes`.
    @inline(__always) public func bytesEqual(_ bytes: [UInt8], in buffer: UnsafeRawBufferPointer) -> Bool {
        guard count == bytes.count else { return false }
        for offset in 0..<count where buffer[start + offset] != bytes[offset] { return false }
        return true
    }

    /// The raw bytes of the span as a buffer slice (for strings: the contents without quotes,
    /// escapes not decoded).
    @inline(__always) public func rawBytes(in buffer: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: buffer[start..<end])
    }

    /// The decoded text of a string span; `nil` for other kinds.
    ///
    /// Escapes are decoded (`\uD83D\uDE00` pairs included); unpaired surrogates and invalid
    /// UTF-8 become U+FFFD.
    public func string(in buffer: UnsafeRawBufferPointer) -> String? {
        guard kind == .string else { return nil }
        let raw = rawBytes(in: buffer)
        guard hasEscapes else { return String(decoding: raw, as: UTF8.self) }
        return String(decoding: Self.unescape(raw), as: UTF8.self)
    }

    /// An integer written as a JSON number without fraction or exponent, or as a string of
    /// digits (protobuf's 64-bit form); `nil` for anything else or on overflow.
    public func integer(in buffer: UnsafeRawBufferPointer) -> Int64? {
        guard kind == .number || (kind == .string && !hasEscapes), count > 0 else { return nil }
        var offset = start
        var negative = false
        if buffer[offset] == UInt8(ascii: "-") {
            negative = true
            offset += 1
        }
        guard offset < end else { return nil }
        var value: Int64 = 0
        while offset < end {
            let digit = buffer[offset]
            guard isDigit(digit) else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int64(digit - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
            offset += 1
        }
        return negative ? -value : value
    }

    /// An unsigned 64-bit integer, as a number or a string of digits (protobuf `uint64`).
    public func unsigned64(in buffer: UnsafeRawBufferPointer) -> UInt64? {
        guard kind == .number || (kind == .string && !hasEscapes), count > 0 else { return nil }
        var value: UInt64 = 0
        for offset in start..<end {
            let digit = buffer[offset]
            guard isDigit(digit) else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(UInt64(digit - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return value
    }

    /// `true` or `false` for a boolean span; `nil` for other kinds.
    public func bool(in buffer: UnsafeRawBufferPointer) -> Bool? {
        guard kind == .bool else { return nil }
        return buffer[start] == UInt8(ascii: "t")
    }

    /// Decodes JSON escapes in `raw` (already validated by the scanner) to UTF-8 bytes.
    static func unescape(_ raw: UnsafeRawBufferPointer) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(raw.count)
        var index = 0
        var pendingHigh: UInt32? = nil
        func flushHigh() {
            if pendingHigh != nil { appendScalar(0xFFFD, to: &output) }
            pendingHigh = nil
        }
        while index < raw.count {
            let value = raw[index]
            guard value == UInt8(ascii: "\\"), index + 1 < raw.count else {
                flushHigh()
                output.append(value)
                index += 1
                continue
            }
            let kind = raw[index + 1]
            if kind == UInt8(ascii: "u"), index + 6 <= raw.count {
                var code: UInt32 = 0
                for offset in 2..<6 { code = code << 4 | UInt32(hexDigitValue(raw[index + offset]) ?? 0) }
                index += 6
                if (0xD800..<0xDC00).contains(code) {
                    flushHigh()
                    pendingHigh = code
                } else if (0xDC00..<0xE000).contains(code) {
                    if let high = pendingHigh {
                        appendScalar(0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00), to: &output)
                        pendingHigh = nil
                    } else {
                        appendScalar(0xFFFD, to: &output)
                    }
                } else {
                    flushHigh()
                    appendScalar(code, to: &output)
                }
                continue
            }
            flushHigh()
            switch kind {
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            default: output.append(kind)
            }
            index += 2
        }
        flushHigh()
        return output
    }
}

private func appendScalar(_ code: UInt32, to output: inout [UInt8]) {
    let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
    UTF8.encode(scalar) { output.append($0) }
}
