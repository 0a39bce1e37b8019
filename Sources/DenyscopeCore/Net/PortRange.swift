/// An inclusive range of port numbers, `80` or `8000-9000`.
public struct PortRange: Hashable, Sendable, CustomStringConvertible {
    public let lower: UInt16
    public let upper: UInt16

    /// A range; `nil` if `upper < lower`.
    public init?(_ lower: UInt16, _ upper: UInt16) {
        guard lower <= upper else { return nil }
        self.lower = lower
        self.upper = upper
    }

    /// A single port.
    public init(_ port: UInt16) {
        self.lower = port
        self.upper = port
    }

    public func contains(_ port: UInt16) -> Bool { lower <= port && port <= upper }

    public var description: String { lower == upper ? "\(lower)" : "\(lower)-\(upper)" }
}
