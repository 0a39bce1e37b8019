import DenyscopeCore

/// A connection attempt to decide: source, destination, protocol, and port or ICMP type/code.
public struct Connection: Hashable, Sendable {
    public let source: ResolvedEndpoint
    public let destination: ResolvedEndpoint
    public let `protocol`: IPProtocol
    /// The destination port; `nil` for ICMP.
    public let port: UInt16?
    public let icmpType: UInt8?
    public let icmpCode: UInt8?

    public init(
        source: ResolvedEndpoint, destination: ResolvedEndpoint, protocol: IPProtocol, port: UInt16?,
        icmpType: UInt8? = nil, icmpCode: UInt8? = nil
    ) {
        self.source = source
        self.destination = destination
        self.protocol = `protocol`
        self.port = port
        self.icmpType = icmpType
        self.icmpCode = icmpCode
    }

    /// The endpoint whose policies govern `direction`: the source for egress, the destination for ingress.
    func subject(_ direction: Direction) -> ResolvedEndpoint {
        direction == .egress ? source : destination
    }

    /// The other end, which rules of `direction` match as their peer.
    func peer(_ direction: Direction) -> ResolvedEndpoint {
        direction == .egress ? destination : source
    }
}
