import DenyscopeCore
import PolicyEngine

/// The streaming matcher: decides each flow through a `DecisionCache` and aggregates it into
/// groups. Pure: it reads no files. Memory grows with distinct endpoints and groups, never with the
/// number of flows.
public struct FlowMatcher {
    private var cache: DecisionCache
    private let includeAllowed: Bool
    private let filter: FlowFilter
    private(set) var table = GroupTable()
    /// The table's group name id and endpoint id of each of the cache's endpoint ids (dense).
    private var endpointIDs: [(name: UInt32, endpoint: UInt32)] = []
    /// Decision ids of the table by the cache's decision id.
    private var decisionIDs: [UInt32] = []
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
        var flow = flow
        add(inPlace: &flow)
    }

    /// Decides and aggregates flows in order, each read where it lies.
    ///
    /// Passed by value from an array, every flow was copied (a retain of each of its references)
    /// and destroyed again; taken `inout`, it is passed by address. The flows are not changed.
    public mutating func add(_ flows: UnsafeMutableBufferPointer<Flow>) {
        for index in flows.indices { add(inPlace: &flows[index]) }
    }

    private mutating func add(inPlace flow: inout Flow) {
        flowsSeen += 1
        guard let decided = cache.decide(flow) else {
            notEvaluated += 1
            return
        }
        guard
            filter.admitsAll
                || filter.admits(
                    flow, source: cache.endpoint(decided.sourceID),
                    destination: cache.endpoint(decided.destinationID), verdict: decided.verdict)
        else { return }
        let agreement = Agreement(observed: flow.observed, engine: decided.verdict)
        guard includeAllowed || filter.verdict == .allowed || agreement != .allowed else { return }
        let source = ids(decided.sourceID)
        let destination = ids(decided.destinationID)
        let key = GroupTable.Key(
            source: source.name, destination: destination.name, proto: decided.protocol, port: decided.port,
            decision: decisionID(decided.decisionID), agreement: agreement)
        table.add(flow, key: key, source: source.endpoint, destination: destination.endpoint) { cache.decision(decided.decisionID) }
    }

    /// The groups in the order they were first seen, without near misses.
    public var groups: [FlowGroup] { table.groups }

    /// The groups, most attempts first (ties in a stable order of their keys), without near misses.
    public var sortedGroups: [FlowGroup] { table.sortedGroups() }

    /// The `limit` groups with most attempts, in the order of `sortedGroups`.
    public func sortedGroups(limit: Int?) -> [FlowGroup] { table.sortedGroups(limit: limit) }

    /// The groups with their near misses computed, once each (denied groups only).
    public func explained(_ groups: [FlowGroup]) -> [FlowGroup] {
        groups.map { group in
            var explained = group
            if group.key.decision.verdict == .denied { explained.nearMisses = cache.nearMisses(group) }
            return explained
        }
    }

    /// Forgets the groups (after a `ParallelFlowMatcher` took them), keeping the caches.
    mutating func removeGroups() { table.removeGroups() }

    /// The table's ids of an endpoint and of its group name (replicas of one workload share it).
    private mutating func ids(_ cacheID: UInt32) -> (name: UInt32, endpoint: UInt32) {
        let cached = Int(cacheID)
        if cached < endpointIDs.count, endpointIDs[cached].name != GroupRecord.none { return endpointIDs[cached] }
        if cached >= endpointIDs.count {
            endpointIDs.append(
                contentsOf: repeatElement((name: GroupRecord.none, endpoint: GroupRecord.none), count: cached + 1 - endpointIDs.count))
        }
        let endpoint = cache.endpoint(cacheID)
        endpointIDs[cached] = (table.nameID(Self.groupName(endpoint)), table.endpointID(endpoint))
        return endpointIDs[cached]
    }

    private mutating func decisionID(_ cacheID: UInt32) -> UInt32 {
        let cached = Int(cacheID)
        if cached >= decisionIDs.count {
            decisionIDs.append(contentsOf: repeatElement(GroupRecord.none, count: cached + 1 - decisionIDs.count))
        }
        if decisionIDs[cached] == GroupRecord.none { decisionIDs[cached] = table.decisionID(cache.decision(cacheID)) }
        return decisionIDs[cached]
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
