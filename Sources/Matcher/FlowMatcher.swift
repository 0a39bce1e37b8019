import DenyscopeCore
import PolicyEngine

/// The streaming matcher: resolves each flow's endpoints, decides it with the engine through a
/// cache, and aggregates it into groups. Pure: it reads no files.
///
/// Endpoints are interned to small integers and decisions cached per (source, destination,
/// protocol, port), so the cost per flow does not grow with the number of policies; memory grows
/// with distinct endpoints and groups, never with the number of flows.
public struct FlowMatcher {
    private struct EndpointKey: Hashable {
        let kind: Endpoint.Kind
        let namespace: String?
        let pod: String?
        let ip: IPAddress?
        let labels: LabelSet?
    }

    private struct DecisionKey: Hashable {
        let source: UInt32
        let destination: UInt32
        let proto: IPProtocol
        let port: UInt16?
        let icmpCode: UInt8?
    }

    private let engine: PolicyEngine
    private let includeAllowed: Bool
    private var endpointIDs: [EndpointKey: UInt32] = [:]
    private var endpoints: [ResolvedEndpoint] = []
    private var decisions: [DecisionKey: Decision] = [:]
    private var groupIndex: [GroupKey: Int] = [:]
    public private(set) var groups: [FlowGroup] = []
    /// Flows seen, and flows not evaluated: replies (allowed with their connection) and records without a transport protocol.
    public private(set) var flowsSeen = 0
    public private(set) var notEvaluated = 0

    /// - Parameter includeAllowed: keep groups that both the record and the engine allow (`--all`).
    public init(engine: PolicyEngine, includeAllowed: Bool = false) {
        self.engine = engine
        self.includeAllowed = includeAllowed
    }

    /// Decides and aggregates one flow.
    public mutating func add(_ flow: Flow) {
        flowsSeen += 1
        guard let proto = flow.ipProtocol, flow.isReply != true else {
            notEvaluated += 1
            return
        }
        let source = intern(flow.source)
        let destination = intern(flow.destination)
        let port = proto.hasPorts ? flow.destinationPort : flow.icmpType.map(UInt16.init)
        let key = DecisionKey(source: source, destination: destination, proto: proto, port: port, icmpCode: flow.icmpCode)
        let decision: Decision
        if let cached = decisions[key] {
            decision = cached
        } else {
            let connection = Connection(
                source: endpoints[Int(source)], destination: endpoints[Int(destination)], protocol: proto,
                port: proto.hasPorts ? flow.destinationPort : nil, icmpType: flow.icmpType, icmpCode: flow.icmpCode)
            decision = engine.evaluate(connection)
            decisions[key] = decision
        }
        let agreement = Agreement(observed: flow.observed, engine: decision.verdict)
        guard includeAllowed || agreement != .allowed else { return }
        let sourceEndpoint = endpoints[Int(source)].endpoint
        let destinationEndpoint = endpoints[Int(destination)].endpoint
        let groupKey = GroupKey(
            source: Self.groupName(sourceEndpoint), destination: Self.groupName(destinationEndpoint), protocol: proto, port: port,
            decision: decision, agreement: agreement)
        if let index = groupIndex[groupKey] {
            groups[index].add(flow)
        } else {
            var group = FlowGroup(
                key: groupKey, sourceEndpoint: sourceEndpoint, destinationEndpoint: destinationEndpoint, count: 0, firstSeen: nil,
                lastSeen: nil, observed: [], examples: [])
            group.add(flow)
            groupIndex[groupKey] = groups.count
            groups.append(group)
        }
    }

    /// The groups, most attempts first (ties in a stable order of their keys).
    public var sortedGroups: [FlowGroup] {
        groups.sorted { ($1.count, $0.key.source, $0.key.destination) < ($0.count, $1.key.source, $1.key.destination) }
    }

    private mutating func intern(_ endpoint: Endpoint) -> UInt32 {
        let key = EndpointKey(
            kind: endpoint.kind, namespace: endpoint.namespace, pod: endpoint.pod, ip: endpoint.ip, labels: endpoint.labels)
        if let known = endpointIDs[key] { return known }
        let id = UInt32(endpoints.count)
        endpoints.append(engine.resolve(recorded: endpoint))
        endpointIDs[key] = id
        return id
    }

    /// `shop/web (Deployment)`, `shop/debug-pod`, `10.0.0.5`, `world`.
    static func groupName(_ endpoint: Endpoint) -> String {
        if let namespace = endpoint.namespace {
            if let workload = endpoint.workload { return "\(namespace)/\(workload.name) (\(workload.kind))" }
            if let pod = endpoint.pod { return "\(namespace)/\(pod)" }
            if let labels = endpoint.labels, let app = labels["app"] ?? labels["app.kubernetes.io/name"] {
                return "\(namespace)/app=\(app)"
            }
        }
        if let ip = endpoint.ip { return ip.description }
        return endpoint.kind.rawValue
    }
}
