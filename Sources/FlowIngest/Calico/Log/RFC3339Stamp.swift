/// RFC 3339 stamps as syslog writers print them, including `journalctl -o short-iso`'s offset
/// without a colon (`2024-09-25T03:36:35+0000`).
enum RFC3339Stamp {
    /// Nanoseconds since the epoch, or `nil` when the text is no RFC 3339 stamp.
    static func nanoseconds(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        let count = bytes.count
        guard count >= 5 else { return nil }
        let sign = bytes[count - 5]
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), bytes[count - 3] != UInt8(ascii: ":"),
            (count - 4..<count).allSatisfy({ isDigit(bytes[$0]) }), count > 19
        else { return RFC3339.nanoseconds(bytes) }
        var fixed = Array(bytes)
        fixed.insert(UInt8(ascii: ":"), at: count - 2)
        return fixed.withUnsafeBytes { RFC3339.nanoseconds($0) }
    }
}
