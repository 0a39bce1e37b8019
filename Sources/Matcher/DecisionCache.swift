import DenyscopeCore
import PolicyEngine

/// Decides flows through the engine with memoisation: endpoints are interned to small integers,
/// each with its `DecisionClass` (identity, and what else a decision reads), and decisions are
/// cached per (source class, destination class, protocol, port), so replicas of a workload share
/// one evaluation, wherever they run, and the cost per flow does not grow with the number of
/// policies. A connection with a host at either end is keyed by classes that include the pods'
/// nodes, which it alone depends on.
public struct DecisionCache {
    /// A decided flow, as small integer ids that callers can key tables with instead of hashing
    /// values: `decision(_:)` and `endpoint(_:)` give the values (the decision without near misses,
    /// the endpoints as the snapshot resolved them).
    public struct Decided {
        /// Equal ids, equal decisions.
        public let decisionID: UInt32
        public let verdict: Verdict
        public let sourceID: UInt32
        public let destinationID: UInt32
        public let `protocol`: IPProtocol
        /// The destination port, or the ICMP type.
        public let port: UInt16?
    }

    /// Cached decisions kept at most; past it the table starts afresh, so memory stays bounded
    /// whatever the number of distinct endpoint pairs.
    public static let capacity = 1 << 17

    private struct EndpointKey: Hashable {
        let kind: Endpoint.Kind
        let namespace: String?
        let pod: String?
        let ip: IPAddress?
        let labels: LabelSet?

        /// Hashes the pod and address only: hashing the label set (a dictionary) on every record
        /// was most of what interning cost, and endpoints that share pod and address but not
        /// labels are rare (equality still compares everything).
        func hash(into hasher: inout Hasher) {
            hasher.combine(pod)
            hasher.combine(ip)
        }
    }

    /// An endpoint's class ids without and with its node, which only a connection with a host needs.
    private struct EndpointClasses {
        let plain: UInt32
        let withNode: UInt32
        let isHost: Bool
    }

    private let engine: PolicyEngine
    private var endpointIDs: [EndpointKey: UInt32] = [:]
    /// Endpoints that are an IPv4 address and a kind only (captures, packet logs), by `addressKey`.
    private var addressEndpointIDs = PackedKeyTable()
    /// Endpoints by `sharedDetailsKey`: the records of one pod share their details (Hubble's
    /// parser reads each distinct side object once), found here without hashing or comparing
    /// their label sets, which was most of what interning them cost.
    private var sharedDetailsEndpointIDs = PackedKeyTable()
    /// The endpoints `sharedDetailsEndpointIDs` knows, kept so that no other details can be
    /// allocated where theirs are.
    private var sharedDetailsEndpoints: [Endpoint] = []
    private var endpoints: [ResolvedEndpoint] = []
    /// Each endpoint's class ids, by endpoint id.
    private var endpointClasses: [EndpointClasses] = []
    private var classIDs: [DecisionClass: UInt32] = [:]
    /// Decision ids by `decisionKey`.
    private var decisionIDs = PackedKeyTable()
    private var decisions: [Decision] = []
    /// Decision ids by `(n, hash)`: the n-th distinct decision with that hash. A `Dictionary` of
    /// decisions copied each key it compared (retaining its strings and arrays) on every evaluation.
    private var decisionIDsByHash = PackedKeyTable()

    /// Engine evaluations so far: one per distinct (source class, destination class, protocol, port).
    public private(set) var evaluations = 0

    public init(engine: PolicyEngine) {
        self.engine = engine
    }

    /// The near misses of a group's connection, computed afresh from its representative endpoints.
    public func nearMisses(_ group: FlowGroup) -> [NearMiss] {
        guard let proto = group.key.protocol else { return [] }
        let connection = Connection(
            source: engine.resolve(recorded: group.sourceEndpoint), destination: engine.resolve(recorded: group.destinationEndpoint),
            protocol: proto, port: proto.hasPorts ? group.key.port : nil, icmpType: proto.hasPorts ? nil : group.key.port.map { UInt8($0) },
            icmpCode: group.icmpCode)
        return engine.evaluate(connection, nearMisses: true).nearMisses
    }

    /// The engine's decision for a flow; `nil` for replies (allowed with their connection) and
    /// records without a transport protocol, which are not evaluated.
    public mutating func decide(_ flow: Flow) -> Decided? {
        guard let proto = flow.ipProtocol, flow.isReply != true else { return nil }
        var recordedDestination = flow.destination
        var destinationPort = flow.destinationPort
        // A capture before kube-proxy's translation sees a Service's ClusterIP: decide on its backend.
        if !flow.destination.hasPod, let address = flow.destination.ip, let port = destinationPort, proto.hasPorts,
            let backend = engine.serviceBackend(address: address, port: port, protocol: proto)
        {
            recordedDestination = backend.endpoint
            destinationPort = backend.port
        }
        let source = intern(flow.source)
        let destination = intern(recordedDestination)
        let port = proto.hasPorts ? destinationPort : flow.icmpType.map(UInt16.init)
        let sourceClasses = endpointClasses[Int(source)]
        let destinationClasses = endpointClasses[Int(destination)]
        let withNodes = sourceClasses.isHost || destinationClasses.isHost
        let key = Self.decisionKey(
            source: withNodes ? sourceClasses.withNode : sourceClasses.plain,
            destination: withNodes ? destinationClasses.withNode : destinationClasses.plain, proto: proto, port: port,
            icmpCode: flow.icmpCode)
        let decisionID: UInt32
        if let cached = decisionIDs.value(for: key) {
            decisionID = cached
        } else {
            if decisionIDs.count >= Self.capacity { decisionIDs.removeAll() }
            let connection = Connection(
                source: endpoints[Int(source)], destination: endpoints[Int(destination)], protocol: proto,
                port: proto.hasPorts ? destinationPort : nil, icmpType: flow.icmpType, icmpCode: flow.icmpCode)
            decisionID = id(of: engine.evaluate(connection, nearMisses: false))
            evaluations += 1
            decisionIDs.insert(decisionID, for: key)
        }
        return Decided(
            decisionID: decisionID, verdict: decisions[Int(decisionID)].verdict, sourceID: source, destinationID: destination,
            protocol: proto, port: port)
    }

    /// The id of `decision`, the same for equal decisions; a new one for a decision not seen before.
    private mutating func id(of decision: Decision) -> UInt32 {
        let hash = UInt64(UInt(bitPattern: decision.hashValue))
        var key = PackedKeyTable.Key(high: 0, low: hash)
        while let known = decisionIDsByHash.value(for: key) {
            if decisions[Int(known)] == decision { return known }
            key.high += 1
        }
        let id = UInt32(decisions.count)
        decisions.append(decision)
        decisionIDsByHash.insert(id, for: key)
        return id
    }

    /// The decision of a `Decided.decisionID`.
    public func decision(_ id: UInt32) -> Decision { decisions[Int(id)] }

    /// The endpoint of a `Decided.sourceID` or `destinationID`, as the snapshot resolved it.
    public func endpoint(_ id: UInt32) -> Endpoint { endpoints[Int(id)].endpoint }

    private mutating func intern(_ endpoint: Endpoint) -> UInt32 {
        if let key = Self.addressKey(endpoint) {
            if let known = addressEndpointIDs.value(for: key) { return known }
            let id = add(endpoint)
            addressEndpointIDs.insert(id, for: key)
            return id
        }
        let sharedKey = Self.sharedDetailsKey(endpoint)
        if let sharedKey, let known = sharedDetailsEndpointIDs.value(for: sharedKey) { return known }
        let key = EndpointKey(
            kind: endpoint.kind, namespace: endpoint.namespace, pod: endpoint.pod, ip: endpoint.ip, labels: endpoint.labels)
        let id: UInt32
        if let known = endpointIDs[key] {
            id = known
        } else {
            id = add(endpoint)
            endpointIDs[key] = id
        }
        if let sharedKey, sharedDetailsEndpoints.count < Self.capacity {
            sharedDetailsEndpointIDs.insert(id, for: sharedKey)
            sharedDetailsEndpoints.append(endpoint)
        }
        return id
    }

    /// Numbers a new endpoint, resolved through the snapshot, with its decision class.
    private mutating func add(_ endpoint: Endpoint) -> UInt32 {
        let id = UInt32(endpoints.count)
        let resolved = engine.resolve(recorded: endpoint)
        endpoints.append(resolved)
        endpointClasses.append(
            EndpointClasses(
                plain: classID(engine.decisionClass(of: resolved, includingNode: false)),
                withNode: classID(engine.decisionClass(of: resolved, includingNode: true)),
                isHost: resolved.endpoint.kind == .host))
        return id
    }

    private mutating func classID(_ decisionClass: DecisionClass) -> UInt32 {
        if let known = classIDs[decisionClass] { return known }
        let id = UInt32(classIDs.count)
        classIDs[decisionClass] = id
        return id
    }

    /// The key of an endpoint that is an IPv4 address and a kind, nothing else; `nil` otherwise.
    private static func addressKey(_ endpoint: Endpoint) -> PackedKeyTable.Key? {
        // No details identity: no namespace, pod, workload or labels (read without copying them out).
        guard case .v4(let address)? = endpoint.ip, endpoint.detailsIdentity == nil else { return nil }
        return PackedKeyTable.Key(high: kindCode(endpoint.kind), low: UInt64(address))
    }

    /// The identity of an endpoint's details with its kind and IPv4 address (or none); `nil`
    /// without details or for an IPv6 address.
    private static func sharedDetailsKey(_ endpoint: Endpoint) -> PackedKeyTable.Key? {
        guard let identity = endpoint.detailsIdentity else { return nil }
        let address: UInt64
        switch endpoint.ip {
        case .v4(let value)?: address = 1 << 32 | UInt64(value)
        case nil: address = 0
        case .v6?: return nil
        }
        return PackedKeyTable.Key(high: UInt64(UInt(bitPattern: identity)), low: kindCode(endpoint.kind) << 40 | address)
    }

    private static func kindCode(_ kind: Endpoint.Kind) -> UInt64 {
        switch kind {
        case .pod: return 1
        case .host: return 2
        case .world: return 3
        case .unknown: return 4
        }
    }

    /// (source class, destination class, protocol, port, ICMP code) in 128 bits.
    private static func decisionKey(source: UInt32, destination: UInt32, proto: IPProtocol, port: UInt16?, icmpCode: UInt8?)
        -> PackedKeyTable.Key
    {
        let protocolNumber = UInt64(proto.number)
        let portBits = port.map { 1 << 16 | UInt64($0) } ?? 0
        let codeBits = icmpCode.map { 1 << 8 | UInt64($0) } ?? 0
        return PackedKeyTable.Key(
            high: UInt64(source) << 32 | UInt64(destination), low: protocolNumber << 32 | portBits << 9 | codeBits)
    }
}
