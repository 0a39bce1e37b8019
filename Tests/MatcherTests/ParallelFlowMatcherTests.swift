import ClusterLoader
import DenyscopeCore
import DenyscopeTestSupport
import FlowIngest
import Matcher
import PolicyEngine
import Testing

struct ParallelFlowMatcherTests {
    /// Every fixture of every line format, read as one stream of flows, five times over.
    static func corpus() throws -> [Flow] {
        var flows: [Flow] = []
        let reader = FlowReader(options: IngestOptions(parallelism: 1))
        for directory in ["flows/hubble", "flows/calico", "flows/scenarios"] {
            for file in try FlowReader.expand([Fixtures.path(directory)]) where !file.hasSuffix(".txt") && !file.hasSuffix(".json") {
                _ = try? reader.read([file]) { flows += $0 }
            }
        }
        return Array(repeating: flows, count: 5).flatMap { $0 }
    }

    /// Everything a report shows of a group.
    static func describe(_ groups: [FlowGroup]) -> [String] {
        groups.map { group in
            let examples = group.examples.map { "\($0.file):\($0.line ?? 0)" }.joined(separator: ",")
            return "\(group.key.source)→\(group.key.destination) \(group.key.protocol?.rawValue ?? "")/\(group.key.port ?? 0) "
                + "\(group.key.agreement.rawValue) \(group.key.decision.verdict.rawValue) count \(group.count) "
                + "\(group.firstSeen ?? -1)…\(group.lastSeen ?? -1) \(group.observed.map(\.verdict.rawValue)) \(examples) "
                + "\(group.attribution?.rawValue ?? "-")"
        }
    }

    /// Should give exactly the sequential result, whatever the batch size and number of workers.
    @Test(arguments: [(2, 128), (2, 1_000), (3, 200)])
    func parallelEqualsSequential(workers: Int, batch: Int) throws {
        let state = try ClusterLoader.load(paths: [Fixtures.path("cluster/kubectl-get-all/snapshot.yaml")]).state
        let engine = PolicyEngine(cluster: state)
        let flows = try Self.corpus()
        #expect(flows.count > 500)
        var sequential = FlowMatcher(engine: engine, includeAllowed: true)
        for flow in flows { sequential.add(flow) }
        var parallel = ParallelFlowMatcher(engine: engine, includeAllowed: true, workers: workers)
        for start in stride(from: 0, to: flows.count, by: batch) {
            parallel.add(Array(flows[start..<min(flows.count, start + batch)]))
        }
        #expect(parallel.flowsSeen == sequential.flowsSeen)
        #expect(Self.describe(parallel.sortedGroups) == Self.describe(sequential.sortedGroups))
        #expect(sequential.groups.count > 20)
    }

    /// Should give the first groups of the full order when asked for a few, ties in counts included.
    @Test(arguments: [0, 1, 7, 20])
    func limitedOrderIsThePrefixOfTheFullOrder(limit: Int) throws {
        let state = try ClusterLoader.load(paths: [Fixtures.path("cluster/kubectl-get-all/snapshot.yaml")]).state
        var matcher = ParallelFlowMatcher(engine: PolicyEngine(cluster: state), includeAllowed: true, workers: 2)
        matcher.add(try Self.corpus())
        let all = Self.describe(matcher.sortedGroups)
        #expect(all.count > limit)
        #expect(Self.describe(matcher.sortedGroups(limit: limit)) == Array(all.prefix(limit)))
    }
}
