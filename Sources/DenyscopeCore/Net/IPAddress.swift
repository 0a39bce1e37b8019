/// An IPv4 or IPv6 address held as integers, so that it hashes and compares cheaply.
public enum IPAddress: Hashable, Sendable, Comparable {
    case v4(UInt32)
    case v6(high: UInt64, low: UInt64)

    /// Parses dotted-quad IPv4 (`10.0.0.1`) or IPv6 text (`fd00::1`, `::ffff:10.0.0.1`).
    ///
    /// Returns `nil` for anything else; zone suffixes (`%eth0`) are not accepted.
    public init?(_ text: some StringProtocol) {
        let utf8 = Array(text.utf8)
        if utf8.contains(UInt8(ascii: ":")) {
            guard let (high, low) = Self.parseV6(utf8) else { return nil }
            self = .v6(high: high, low: low)
        } else {
            guard let value = Self.parseV4(utf8[...]) else { return nil }
            self = .v4(value)
        }
    }

    /// Whether this is an IPv4 address.
    public var isV4: Bool {
        if case .v4 = self { return true }
        return false
    }

    /// The address width in bits: 32 or 128.
    public var bitWidth: Int { isV4 ? 32 : 128 }

    /// Dotted-quad IPv4 from text bytes, without allocating.
    static func parseV4<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt32? {
        var value: UInt32 = 0
        var octet: UInt32 = 0
        var digits = 0
        var dots = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard digits > 0, dots < 3 else { return nil }
                value = value << 8 | octet
                octet = 0
                digits = 0
                dots += 1
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                octet = octet * 10 + UInt32(byte - UInt8(ascii: "0"))
                digits += 1
                guard digits <= 3, octet <= 255 else { return nil }
            } else {
                return nil
            }
        }
        guard dots == 3, digits > 0 else { return nil }
        return value << 8 | octet
    }

    static func parseV6(_ bytes: [UInt8]) -> (UInt64, UInt64)? {
        let colon = UInt8(ascii: ":")
        var gapAt: Int? = nil
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == colon, bytes[index + 1] == colon {
                guard gapAt == nil else { return nil }
                gapAt = index
                index += 2
            } else {
                index += 1
            }
        }
        let groups: [UInt16]
        if let gap = gapAt {
            guard let head = parseV6Groups(bytes[..<gap]),
                let tail = parseV6Groups(bytes[(gap + 2)...]),
                head.count + tail.count <= 7
            else { return nil }
            groups = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        } else {
            guard let all = parseV6Groups(bytes[...]), all.count == 8 else { return nil }
            groups = all
        }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for group in groups[0..<4] { high = high << 16 | UInt64(group) }
        for group in groups[4..<8] { low = low << 16 | UInt64(group) }
        return (high, low)
    }

    /// Parses `a:b:c` (no `::`) into 16-bit groups; the last group may be dotted IPv4 (two groups).
    private static func parseV6Groups(_ bytes: ArraySlice<UInt8>) -> [UInt16]? {
        guard !bytes.isEmpty else { return [] }
        var groups: [UInt16] = []
        let parts = bytes.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        for (position, part) in parts.enumerated() {
            if position == parts.count - 1, part.contains(UInt8(ascii: ".")) {
                guard let v4 = parseV4(part) else { return nil }
                groups.append(UInt16(v4 >> 16))
                groups.append(UInt16(v4 & 0xFFFF))
                continue
            }
            guard (1...4).contains(part.count) else { return nil }
            var value: UInt16 = 0
            for byte in part {
                guard let nibble = hexValue(byte) else { return nil }
                value = value << 4 | UInt16(nibble)
            }
            groups.append(value)
        }
        return groups
    }
}

private func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
    default: return nil
    }
}

extension IPAddress: CustomStringConvertible {
    /// Dotted quad for IPv4; RFC 5952 canonical text for IPv6 (longest zero run compressed).
    public var description: String {
        switch self {
        case .v4(let value):
            return "\(value >> 24).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
        case .v6(let high, let low):
            var groups: [UInt16] = []
            for shift in stride(from: 48, through: 0, by: -16) { groups.append(UInt16(truncatingIfNeeded: high >> UInt64(shift))) }
            for shift in stride(from: 48, through: 0, by: -16) { groups.append(UInt16(truncatingIfNeeded: low >> UInt64(shift))) }
            var bestStart = -1
            var bestLength = 1
            var runStart = -1
            for (index, group) in groups.enumerated() {
                if group == 0 {
                    if runStart < 0 { runStart = index }
                    let length = index - runStart + 1
                    if length > bestLength {
                        bestStart = runStart
                        bestLength = length
                    }
                } else {
                    runStart = -1
                }
            }
            func hex(_ slice: ArraySlice<UInt16>) -> String {
                slice.map { String($0, radix: 16) }.joined(separator: ":")
            }
            if bestStart < 0 { return hex(groups[...]) }
            return hex(groups[..<bestStart]) + "::" + hex(groups[(bestStart + bestLength)...])
        }
    }
}
