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
        guard let value = Self.parseV4(bytes) else { return nil }
        self = .v4(value)
    }
}
