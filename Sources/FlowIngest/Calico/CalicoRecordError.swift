import DenyscopeCore

/// A Calico record problem: the error code and the message after the location.
struct CalicoRecordError: Error {
    let code: InputError.Code
    let message: String

    init(_ code: InputError.Code = .invalidField, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `field "DPT": <message>`.
    static func field(_ name: String, _ message: String) -> CalicoRecordError {
        CalicoRecordError(.invalidField, "field \"\(name)\": \(message)")
    }
}

/// The text of `bytes` in quotes, shortened to 60 characters, for messages.
func quotedText(_ bytes: UnsafeRawBufferPointer) -> String {
    let text = String(decoding: bytes, as: UTF8.self)
    return "\"" + (text.count > 60 ? String(text.prefix(60)) + "…" : text) + "\""
}

extension UnsafeRawBufferPointer {
    /// The bytes in `range` as a zero-based buffer.
    @inline(__always) func slice(_ range: Range<Int>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: self[range])
    }

    /// Whether the bytes at `offset` equal `text`.
    @inline(__always) func matches(_ text: StaticString, at offset: Int) -> Bool {
        let length = text.utf8CodeUnitCount
        guard offset >= 0, offset + length <= count else { return false }
        let bytes = text.utf8Start
        for index in 0..<length where self[offset + index] != bytes[index] { return false }
        return true
    }

    /// The offset of the first occurrence of `text` at or after `start`, or `nil`.
    func firstOffset(of text: StaticString, from start: Int = 0) -> Int? {
        let length = text.utf8CodeUnitCount
        guard length > 0 else { return start }
        let first = text.utf8Start[0]
        var index = start
        while let found = firstOffset(of: first, from: index) {
            if found + length > count { return nil }
            if matches(text, at: found) { return found }
            index = found + 1
        }
        return nil
    }

    /// A decimal number without sign in `range`, at most `limit`; `nil` for anything else.
    @inline(__always) func decimal(_ range: Range<Int>, limit: UInt64) -> UInt64? {
        guard !range.isEmpty, range.count <= 20 else { return nil }
        var value: UInt64 = 0
        for index in range {
            let byte = self[index]
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(UInt64(byte - 0x30))
            guard !overflow1, !overflow2, sum <= limit else { return nil }
            value = sum
        }
        return value
    }
}
