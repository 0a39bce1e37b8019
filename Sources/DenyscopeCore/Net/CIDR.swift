/// An address block such as `10.0.0.0/8` or `fd00::/64`.
///
/// The stored address is masked to the prefix, so `10.1.2.3/8` and `10.0.0.0/8` are equal.
public struct CIDR: Hashable, Sendable, CustomStringConvertible {
    /// The first address of the block.
    public let network: IPAddress
    /// The number of leading bits that are fixed: 0–32 for IPv4, 0–128 for IPv6.
    public let prefixLength: Int

    /// Builds a block, masking `address` to `prefixLength` bits; `nil` if the length is out of range.
    public init?(address: IPAddress, prefixLength: Int) {
        guard prefixLength >= 0, prefixLength <= address.bitWidth else { return nil }
        self.prefixLength = prefixLength
        self.network = Self.mask(address, prefixLength)
    }

    /// Parses `address/length`; a bare address is a host block (`/32` or `/128`).
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = IPAddress(parts[0]) else { return nil }
        var length = address.bitWidth
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].allSatisfy(\.isASCIIDigit), let parsed = Int(parts[1]) else { return nil }
            length = parsed
        }
        self.init(address: address, prefixLength: length)
    }

    /// Whether `address` lies inside the block (never across address families).
    public func contains(_ address: IPAddress) -> Bool {
        guard address.isV4 == network.isV4 else { return false }
        return Self.mask(address, prefixLength) == network
    }

    /// Whether every address of `other` lies inside this block.
    public func contains(_ other: CIDR) -> Bool {
        other.prefixLength >= prefixLength && contains(other.network)
    }

    public var description: String { "\(network)/\(prefixLength)" }

    private static func mask(_ address: IPAddress, _ length: Int) -> IPAddress {
        switch address {
        case .v4(let value):
            let mask: UInt32 = length == 0 ? 0 : ~0 << UInt32(32 - length)
            return .v4(value & mask)
        case .v6(let high, let low):
            let highMask: UInt64 = length == 0 ? 0 : (length >= 64 ? ~0 : ~0 << UInt64(64 - length))
            let lowMask: UInt64 = length <= 64 ? 0 : (length == 128 ? ~0 : ~0 << UInt64(128 - length))
            return .v6(high: high & highMask, low: low & lowMask)
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
