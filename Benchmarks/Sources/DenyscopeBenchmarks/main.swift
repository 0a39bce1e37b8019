import ClusterLoader
import DenyscopeCore
import FlowIngest
import Foundation
import Matcher
import PolicyEngine

// Usage:
//   DenyscopeBenchmarks evaluate [--pods N] [--policies M] [--queries K] [--cilium | --calico]
//       load + compile + evaluate in process; prints times and per-query cost.
//   DenyscopeBenchmarks write DIR [--pods N] [--policies M] [--queries K]
//       writes DIR/cluster.yaml and DIR/queries.jsonl for the end-to-end CLI run (baselines.sh).
//   DenyscopeBenchmarks hubble-write FILE [--megabytes N]
//       writes at least N MB (default 1100) of synthetic Hubble JSON lines (ingest-baselines.sh).
//   DenyscopeBenchmarks calico-log-write FILE [--lines N]
//       writes N (default 1,200,000) synthetic Calico LOG lines (calico-log-baselines.sh).
//   DenyscopeBenchmarks ingest FILE [--parallelism P] [--calico-log]
//       reads FILE with the Hubble adapter, or the Calico LOG adapter with --calico-log (parse + stats +
//       attempt counting), P threads (default: all cores).
//   DenyscopeBenchmarks pcap-write FILE [--packets N]
//       writes at least N (default 1,000,000) synthetic Ethernet/IPv4 packets via libpcap's dump API (pcap-baselines.sh).
//   DenyscopeBenchmarks triage FILE --cluster SNAPSHOT [--parallelism P]
//       end-to-end triage of a Hubble file (read, resolve, decide, aggregate) against a snapshot.
//   DenyscopeBenchmarks pcap-ingest FILE
//       reads FILE with the pcap adapter (decode + dedupe + connection tracking + stats).
//   DenyscopeBenchmarks pcap-digest FILE [--idle-ms N]
//       reads FILE with the pcap adapter and prints a digest of every flow in the order emitted
//       (to check that a faster adapter gives the same results).

let mode = CommandLine.arguments.dropFirst().first ?? "evaluate"
let arguments = Array(CommandLine.arguments.dropFirst(2))
func option(_ name: String, _ fallback: Int) -> Int {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let value = Int(arguments[index + 1]) else {
        return fallback
    }
    return value
}
let synthetic = SyntheticCluster(
    pods: option("--pods", 5_000), policies: option("--policies", 1_000), seed: 42, cilium: arguments.contains("--cilium"),
    calico: arguments.contains("--calico"))
let queryCount = option("--queries", 1_000_000)

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

switch mode {
case "hubble-write":
    guard let path = arguments.first else { fatalError("usage: DenyscopeBenchmarks hubble-write FILE") }
    let megabytes = option("--megabytes", 1_100)
    let lines = try SyntheticHubble(seed: 42).write(to: path, bytes: megabytes * 1_000_000)
    print("wrote \(path): \(lines) lines")
case "calico-log-write":
    guard let path = arguments.first else { fatalError("usage: DenyscopeBenchmarks calico-log-write FILE") }
    let count = option("--lines", 1_200_000)
    let bytes = try SyntheticCalicoLog(seed: 42).write(to: path, lines: count)
    print("wrote \(path): \(count) lines, \(bytes) bytes")
case "ingest":
    guard let path = arguments.first else { fatalError("usage: DenyscopeBenchmarks ingest FILE") }
    let parallelism = option("--parallelism", ProcessInfo.processInfo.activeProcessorCount)
    let format: InputFormat = arguments.contains("--calico-log") ? .calicoLog : .hubble
    let reader = FlowReader(options: IngestOptions(format: format, parallelism: parallelism))
    var denied = 0
    var attempts = 0
    var stats = IngestStats()
    let clock = ContinuousClock()
    let elapsed = try clock.measure {
        stats = try reader.read([path]) { flows in
            for flow in flows {
                if flow.observed.isPolicyDenial { denied += 1 }
                attempts += flow.attempts
            }
        }
    }
    let bytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    let time = seconds(elapsed)
    print(stats)
    print("policy denials \(denied), connection attempts \(attempts)")
    print(
        String(
            format: "ingest (parallelism %d): %.3f s, %.0f MB/s, %.0f k records/s", parallelism, time,
            Double(bytes) / time / 1e6, Double(stats.records) / time / 1e3))
case "triage":
    // End-to-end triage of a Hubble file against a snapshot: read, resolve, decide, aggregate.
    guard let path = arguments.first, let clusterIndex = arguments.firstIndex(of: "--cluster"), clusterIndex + 1 < arguments.count else {
        fatalError("usage: DenyscopeBenchmarks triage FILE --cluster SNAPSHOT [--parallelism N]")
    }
    let parallelism = option("--parallelism", ProcessInfo.processInfo.activeProcessorCount)
    let state = try ClusterLoader.load(paths: [arguments[clusterIndex + 1]]).state
    var matcher = ParallelFlowMatcher(engine: PolicyEngine(cluster: state), workers: parallelism)
    let reader = FlowReader(options: IngestOptions(format: .hubble, parallelism: parallelism))
    var stats = IngestStats()
    var groups: [FlowGroup] = []
    let elapsed = try ContinuousClock().measure {
        stats = try reader.read([path]) { flows in matcher.add(flows) }
        groups = matcher.sortedGroups
    }
    let bytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    let time = seconds(elapsed)
    print(stats)
    print(
        "groups \(groups.count), denied attempts \(groups.filter { $0.key.decision.verdict == .denied }.reduce(0) { $0 + $1.count })"
    )
    print(String(format: "triage (parallelism %d): %.3f s, %.0f MB/s", parallelism, time, Double(bytes) / time / 1e6))
case "pcap-write":
    guard let path = arguments.first else { fatalError("usage: DenyscopeBenchmarks pcap-write FILE") }
    let packets = try SyntheticPcap(seed: 42).write(to: path, packets: option("--packets", 1_000_000))
    print("wrote \(path): \(packets) packets")
case "pcap-ingest":
    guard let path = arguments.first else { fatalError("usage: DenyscopeBenchmarks pcap-ingest FILE") }
    var outcomes: [String: Int] = [:]
    var stats = IngestStats()
    let clock = ContinuousClock()
    let elapsed = try clock.measure {
        stats = try PcapReader().read(path: path) { flows in
            for flow in flows { outcomes[flow.observed.inferred?.kind.rawValue ?? "-", default: 0] += 1 }
        }
    }
    let time = seconds(elapsed)
    print(stats)
    print("attempts by outcome: " + outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    print(String(format: "pcap ingest: %.3f s, %.2f M packets/s", time, Double(stats.records) / time / 1e6))
case "pcap-digest":
    guard let path = arguments.first else { fatalError("usage: DenyscopeBenchmarks pcap-digest FILE") }
    var digest: UInt64 = 0xCBF2_9CE4_8422_2325
    var count = 0
    // --idle-ms makes idle attempts finish during the capture (the sweep path).
    let idle = Int64(option("--idle-ms", 300_000)) * 1_000_000
    let stats = try PcapReader(options: PcapOptions(idleTimeout: idle)).read(path: path) { flows in
        for flow in flows {
            count += 1
            let text = String(describing: flow)  // every field, in declaration order
            for byte in text.utf8 { digest = (digest ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
    }
    print(stats)
    print("flows \(count) digest \(String(digest, radix: 16))")
case "write":
    guard let directory = arguments.first else { fatalError("usage: DenyscopeBenchmarks write DIR") }
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try synthetic.yaml().write(toFile: directory + "/cluster.yaml", atomically: true, encoding: .utf8)
    var lines = ""
    lines.reserveCapacity(queryCount * 80)
    for query in synthetic.queries(count: queryCount) {
        lines += "{\"from\":\"\(query.from)\",\"to\":\"\(query.to)\",\"port\":\(query.port),\"protocol\":\"TCP\"}\n"
    }
    try lines.write(toFile: directory + "/queries.jsonl", atomically: true, encoding: .utf8)
    print("wrote \(directory)/cluster.yaml (\(synthetic.pods) pods, \(synthetic.policies) policies) and \(queryCount) queries")
default:
    let clock = ContinuousClock()
    let text = synthetic.yaml()
    var loaded: LoadedCluster?
    let loadTime = try clock.measure { loaded = try ClusterLoader.load(text: text, file: "synthetic.yaml") }
    guard let state = loaded?.state else { fatalError("synthetic cluster did not load") }
    var engine: PolicyEngine?
    let options = EngineOptions(dialect: synthetic.cilium ? .cilium : synthetic.calico ? .calico : .kubernetes)
    let compileTime = clock.measure { engine = PolicyEngine(cluster: state, options: options) }
    guard let engine else { fatalError("no engine") }
    // Endpoints are resolved outside the timed loop: this measures the decision itself.
    let pods = state.pods.map { try? engine.resolve(.named(namespace: $0.namespace, name: $0.name)) }
    var random = SplitMix64(seed: 7)
    let ports: [UInt16] = [8080, 9090, 8050, 80, 5432]
    let connections: [Connection] = (0..<queryCount).compactMap { _ in
        guard let source = pods[random.next(below: pods.count)], let destination = pods[random.next(below: pods.count)] else { return nil }
        return Connection(source: source, destination: destination, protocol: .tcp, port: ports[random.next(below: ports.count)])
    }
    var denied = 0
    var nearMisses = 0
    let evaluateTime = clock.measure {
        for connection in connections {
            let decision = engine.evaluate(connection)
            if decision.verdict == .denied { denied += 1 }
            nearMisses &+= decision.nearMisses.count
        }
    }
    let stats = engine.statistics
    print("pods \(stats.pods), identities \(stats.identities), policies \(stats.policies), queries \(connections.count)")
    print(String(format: "load %.3f s, compile %.3f s, evaluate %.3f s", seconds(loadTime), seconds(compileTime), seconds(evaluateTime)))
    print(
        String(
            format: "per query %.0f ns (%.2f M queries/s); denied %d, near misses %d",
            seconds(evaluateTime) / Double(connections.count) * 1e9, Double(connections.count) / seconds(evaluateTime) / 1e6, denied,
            nearMisses))
}
