import DenyscopeCore
import PolicyEngine

/// One explain query, from flags or from a `--batch` line:
/// `{"from":"x/a","to":"y/b","port":80,"protocol":"TCP"}`; ICMP omits `port` and may give
/// `icmpType`/`icmpCode`.
struct ExplainQuery: Decodable, Hashable {
    var from: String
    var to: String
    var port: Int?
    var `protocol`: String?
    var icmpType: Int?
    var icmpCode: Int?

    /// Why a query cannot be asked, as a sentence that quotes the value.
    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    /// Resolves both endpoints and checks the port against the protocol.
    func connection(in engine: PolicyEngine) throws -> Connection {
        let protocolName = `protocol` ?? "TCP"
        guard let proto = IPProtocol(name: protocolName) else {
            throw Invalid(description: "unknown protocol \"\(protocolName)\" (expected TCP, UDP, SCTP, ICMP or ICMPv6)")
        }
        if proto.hasPorts {
            guard let port else { throw Invalid(description: "\(proto.rawValue) needs a port") }
            guard (1...65535).contains(port) else { throw Invalid(description: "port \(port) out of range 1-65535") }
            if icmpType != nil || icmpCode != nil {
                throw Invalid(description: "icmpType and icmpCode apply to ICMP only, not \(proto.rawValue)")
            }
        } else if port != nil {
            throw Invalid(description: "\(proto.rawValue) has no ports; give icmpType/icmpCode instead")
        }
        for (name, value) in [("icmpType", icmpType), ("icmpCode", icmpCode)] {
            if let value, !(0...255).contains(value) { throw Invalid(description: "\(name) \(value) out of range 0-255") }
        }
        return Connection(
            source: try engine.resolve(Self.endpoint(from)), destination: try engine.resolve(Self.endpoint(to)),
            protocol: proto, port: port.map { UInt16($0) }, icmpType: icmpType.map { UInt8($0) },
            icmpCode: icmpCode.map { UInt8($0) })
    }

    private static func endpoint(_ text: String) throws -> EndpointQuery {
        guard let query = EndpointQuery(text) else {
            throw Invalid(description: "invalid endpoint \"\(text)\" (expected namespace/pod, an IP address, or world)")
        }
        return query
    }
}
