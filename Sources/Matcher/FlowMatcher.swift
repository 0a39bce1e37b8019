import DenyscopeCore
import PolicyEngine

/// The streaming matcher: decides each flow through a `DecisionCache` and aggregates it into
/// groups. Pure: it reads no files. Memory grows with distinct endpoints and groups, never with the
/// number of flows.
public struct FlowMatcher {
    /// A group key of small integers, cheap to hash on every flow; `GroupKey` is built once per group.
    private struct FastKey: Hashable {
        let source: UInt32
        let destination: UInt32
        let proto: IPProtocol
        let port: UInt16?
        let decision: UInt32
        let agreement: Agreement
    }

    private var cache: DecisionCache
    private let includeAllowed: Bool
    private let filter: FlowFilter
    private var groupIndex: [FastKey: Int] = [:]
    /// Group names by endpoint id.
    private var names: [UInt32: UInt32] = [:]
    private var nameIDs: [String: UInt32] = [:]
    public private(set) var groups: [FlowGroup] = []
    /// Flows seen, and flows not evaluated: replies (allowed with their connection) and records without a transport protocol.
    public private(set) var flowsSeen = 0
    public private(set) var notEvaluated = 0

    /// - Parameters:
    ///   - includeAllowed: keep groups that both the record and the engine allow (`--all`).
    ///   - filter: which flows to keep at all.
    public init(engine: PolicyEngine, includeAllowed: Bool = false, filter: FlowFilter = FlowFilter()) {
        self.cache = DecisionCache(engine: engine)
        self.includeAllowed = includeAllowed
        self.filter = filter
    }

    /// Decides and aggregates one flow.
    public mutating func add(_ flow: Flow) {
        flowsSeen += 1
        guard let decided = cache.decide(flow) else {
            notEvaluated += 1
            return
        }
        guard filter.admits(flow, source: decided.source, destination: decided.destination, verdict: decided.decision.verdict) else {
            return
        }
        let agreement = Agreement(observed: flow.observed, engine: decided.decision.verdict)
        guard includeAllowed || filter.verdict == .allowed || agreement != .allowed else { return }
        let fastKey = FastKey(
            source: nameID(decided.sourceID, decided.source), destination: nameID(decided.destinationID, decided.destination),
            proto: decided.protocol, port: decided.port, decision: decided.decisionID, agreement: agreement)
        if let index = groupIndex[fastKey] {
            groups[index].add(flow)
        } else {
            let groupKey = GroupKey(
                source: Self.groupName(decided.source), destination: Self.groupName(decided.destination), protocol: decided.protocol,
                port: decided.port, decision: decided.decision, agreement: agreement)
            var group = FlowGroup(
                key: groupKey, sourceEndpoint: decided.source, destinationEndpoint: decided.destination, icmpCode: flow.icmpCode,
                count: 0, firstSeen: nil, lastSeen: nil, observed: [], examples: [])
            group.add(flow)
            groupIndex[fastKey] = groups.count
            groups.append(group)
        }
    }

    /// The id of an endpoint's group name: replicas of one workload share it.
    private mutating func nameID(_ endpointID: UInt32, _ endpoint: Endpoint) -> UInt32 {
        if let known = names[endpointID] { return known }
        let name = Self.groupName(endpoint)
        let id = nameIDs[name] ?? UInt32(nameIDs.count)
        nameIDs[name] = id
        names[endpointID] = id
        return id
    }

    /// The groups, most attempts first (ties in a stable order of their keys), without near misses.
    public var sortedGroups: [FlowGroup] { Self.sorted(groups) }

    /// The groups with their near misses computed, once each (denied groups only).
    public func explained(_ groups: [FlowGroup]) -> [FlowGroup] {
        groups.map { group in
            var explained = group
            if group.key.decision.verdict == .denied { explained.nearMisses = cache.nearMisses(group) }
            return explained
        }
    }

    /// Most attempts first; ties by source, destination, protocol, port, agreement and the deciding
    /// policies, so that the order does not depend on the order records arrived in.
    static func sorted(_ groups: [FlowGroup]) -> [FlowGroup] {
        func tieBreak(_ key: GroupKey) -> String {
            let sides = [key.decision.egress, key.decision.ingress].map { side in
                side.reason.rawValue + ":" + side.policies.map(\.description).joined(separator: ",")
            }
            return "\(key.protocol?.rawValue ?? "")|\(key.port ?? 0)|\(key.agreement.rawValue)|" + sides.joined(separator: "|")
        }
        let keyed = groups.map { (group: $0, tie: tieBreak($0.key)) }
        return keyed.sorted {
            ($1.group.count, $0.group.key.source, $0.group.key.destination, $0.tie)
                < ($0.group.count, $1.group.key.source, $1.group.key.destination, $1.tie)
        }.map(\.group)
    }

    /// `shop/web (Deployment)`, `shop/debug-pod`, `10.0.0.5`, `world`.
    public static func groupName(_ endpoint: Endpoint) -> String {
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
