import DenyscopeCore
import PolicyEngine

/// Which flows a report keeps: by namespace, endpoint, time window and the engine's verdict
/// (`triage --namespace --from --to --since --until --verdict`).
public struct FlowFilter: Sendable {
    /// Either side in this namespace.
    public var namespace: String?
    public var from: EndpointPattern?
    public var to: EndpointPattern?
    /// Nanoseconds since the epoch, inclusive; records without a time pass.
    public var since: Int64?
    public var until: Int64?
    public var verdict: Verdict?

    public init(
        namespace: String? = nil, from: EndpointPattern? = nil, to: EndpointPattern? = nil, since: Int64? = nil, until: Int64? = nil,
        verdict: Verdict? = nil
    ) {
        self.namespace = namespace
        self.from = from
        self.to = to
        self.since = since
        self.until = until
        self.verdict = verdict
    }

    /// Whether the filter keeps every flow (no option given), so callers can skip `admits`.
    public var admitsAll: Bool {
        namespace == nil && from == nil && to == nil && since == nil && until == nil && verdict == nil
    }

    /// Whether a decided flow passes.
    public func admits(_ flow: Flow, source: Endpoint, destination: Endpoint, verdict decided: Verdict) -> Bool {
        if let namespace, source.namespace != namespace, destination.namespace != namespace { return false }
        if let from, !from.matches(source) { return false }
        if let to, !to.matches(destination) { return false }
        if let time = flow.time {
            if let since, time < since { return false }
            if let until, time > until { return false }
        }
        if let verdict, verdict != decided { return false }
        return true
    }
}

/// An endpoint as a filter names it: `namespace/name` (a pod, or a workload: its pods),
/// `namespace/*`, an IP address, or `world`.
public enum EndpointPattern: Hashable, Sendable {
    case named(namespace: String, name: String?)
    case ip(IPAddress)
    case world

    /// Parses the forms of `EndpointQuery`, plus `namespace/*`.
    public init?(_ text: String) {
        switch EndpointQuery(text) {
        case .world: self = .world
        case .ip(let address): self = .ip(address)
        case .named(let namespace, let name): self = .named(namespace: namespace, name: name == "*" ? nil : name)
        case nil: return nil
        }
    }

    public func matches(_ endpoint: Endpoint) -> Bool {
        switch self {
        case .world: return endpoint.kind == .world
        case .ip(let address): return endpoint.ip == address
        case .named(let namespace, let name):
            guard endpoint.namespace == namespace else { return false }
            guard let name else { return true }
            return endpoint.pod == name || endpoint.workload?.name == name
        }
    }
}
