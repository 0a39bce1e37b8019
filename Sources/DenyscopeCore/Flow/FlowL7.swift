/// The application-layer part of a flow record produced by an L7 proxy (Hubble `l7`).
public struct FlowL7: Hashable, Sendable {
    /// `http`, `dns`, `kafka`, or `unknown`.
    public var protocolName: String
    /// `REQUEST`, `RESPONSE`, `SAMPLE`, when given.
    public var type: String?
    /// HTTP method, when the record is an HTTP request.
    public var method: String?
    /// HTTP URL.
    public var url: String?
    /// HTTP status code (`403` for a request an L7 rule refused).
    public var statusCode: Int?
    /// The DNS query name.
    public var query: String?

    public init(
        protocolName: String, type: String? = nil, method: String? = nil, url: String? = nil, statusCode: Int? = nil,
        query: String? = nil
    ) {
        self.protocolName = protocolName
        self.type = type
        self.method = method
        self.url = url
        self.statusCode = statusCode
        self.query = query
    }
}
