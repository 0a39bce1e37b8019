import ClusterLoader
import DenyscopeCore
import PolicyEngine

/// Decides the generated connections with the real engine on the snapshot as written to disk, so
/// every verdict in the traffic file follows from the policies in `cluster.yaml`.
///
/// Replicas of one application share labels, namespace and ports, so decisions are cached per
/// (source application, destination application, port): memory grows with applications, not flows.
struct SnapshotOracle {
    private let engine: PolicyEngine
    private let cluster: SyntheticCluster
    private var endpoints: [Int: ResolvedEndpoint] = [:]
    private var decisions: [DecisionKey: Decision] = [:]

    private struct DecisionKey: Hashable {
        let source: Int
        let destination: Int
        let port: UInt16
    }

    /// Loads `path` (the snapshot just written) and compiles it in `cluster`'s dialect.
    /// - Throws: `GenerateError.snapshotUnreadable` when the snapshot does not load.
    init(snapshot path: String, cluster: SyntheticCluster) throws {
        let loaded: LoadedCluster
        do {
            loaded = try ClusterLoader.load(paths: [path])
        } catch {
            throw GenerateError.snapshotUnreadable("\(error)")
        }
        let dialect: EngineOptions.Dialect
        switch cluster.dialect {
        case .kubernetes: dialect = .kubernetes
        case .cilium: dialect = .cilium
        case .calico: dialect = .calico
        }
        engine = PolicyEngine(cluster: loaded.state, options: EngineOptions(dialect: dialect))
        self.cluster = cluster
    }

    /// The engine's decision for a TCP connection from pod `source` to pod `destination` on `port`.
    /// - Throws: `GenerateError.snapshotUnreadable` when a generated pod is missing from the snapshot.
    mutating func decide(source: Int, destination: Int, port: UInt16) throws -> Decision {
        let key = DecisionKey(source: cluster.pods[source].app, destination: cluster.pods[destination].app, port: port)
        if let known = decisions[key] { return known }
        let connection = Connection(
            source: try endpoint(source), destination: try endpoint(destination), protocol: .tcp, port: port)
        let decision = engine.evaluate(connection)
        decisions[key] = decision
        return decision
    }

    private mutating func endpoint(_ pod: Int) throws -> ResolvedEndpoint {
        if let known = endpoints[pod] { return known }
        let namespace = cluster.namespace(ofPod: pod)
        let name = cluster.pods[pod].name
        do {
            let resolved = try engine.resolve(.named(namespace: namespace, name: name))
            endpoints[pod] = resolved
            return resolved
        } catch {
            throw GenerateError.snapshotUnreadable("pod \(namespace)/\(name): \(error)")
        }
    }
}
