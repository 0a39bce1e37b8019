extension IPAddress {
    /// Parses an address from raw text bytes, as adapters find it in their input: dotted-quad
    /// IPv4 without allocating, IPv6 through the same rules as `init?(_:)`.
    ///
    /// Returns `nil` for anything that is not an address.
    public init?(bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty, bytes.count <= 45 else { return nil }
        if bytes.contains(UInt8(ascii: ":")) {
            guard let (high, low) = Self.parseV6(Array(bytes)) else { return nil }
            self = .v6(high: high, low: low)
            return
        }
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
        self = .v4(value << 8 | octet)
    }
}
