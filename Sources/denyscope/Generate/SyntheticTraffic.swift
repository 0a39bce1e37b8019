/// Picks connection attempts between the synthetic cluster's pods: half of them along a policy's
/// rule (from the rule's peer application to its target, on its port), half between random pods
/// on a random application port, so that the traffic has allowed, default-denied and (in dialects
/// with deny rules) explicitly denied attempts.
///
/// With a number of connections, the first attempts pick that many connections and the rest repeat
/// them at random, as real services do (a decision cache then hits).
///
/// Source ports cycle through 28,000 ephemeral ports and attempts are 5–15 ms apart, so two
/// attempts never share a 5-tuple within the two minutes that readers use to join retransmissions.
struct SyntheticTraffic {
    /// 2026-01-01T10:00:00Z, in nanoseconds since the Unix epoch.
    static let start: Int64 = 1_767_261_600_000_000_000

    private let cluster: SyntheticCluster
    /// The policies' rules between applications, picked from for rule-following attempts.
    private let rules: [(target: Int, peer: Int, port: UInt16)]
    private let connectionLimit: Int?
    /// The connections picked so far, when attempts repeat them.
    private var connections: [(source: Int, destination: Int, port: UInt16)] = []
    private var random: SeededRandom
    private var time = start
    private var number = 0

    init(cluster: SyntheticCluster, connections: Int? = nil, seed: UInt64) {
        self.cluster = cluster
        self.connectionLimit = connections
        rules = cluster.policies.compactMap(\.rule)
        random = SeededRandom(seed: seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    /// The next attempt, decided by `oracle`.
    mutating func next(oracle: inout SnapshotOracle) throws -> GeneratedAttempt {
        let (source, destination, port) = nextConnection()
        time += Int64(5_000_000 + random.next(below: 10_000_000))
        let sourcePort = UInt16(32768 + number % 28000)
        number += 1
        let decision = try oracle.decide(source: source, destination: destination, port: port)
        return GeneratedAttempt(
            source: source, destination: destination, sourcePort: sourcePort, destinationPort: port, time: time, decision: decision)
    }

    private mutating func nextConnection() -> (source: Int, destination: Int, port: UInt16) {
        if let connectionLimit, connections.count >= connectionLimit { return connections[random.next(below: connections.count)] }
        let connection = newConnection()
        if connectionLimit != nil { connections.append(connection) }
        return connection
    }

    private mutating func newConnection() -> (source: Int, destination: Int, port: UInt16) {
        var source: Int
        var destination: Int
        var port: UInt16
        if !rules.isEmpty, random.next(below: 2) == 0, let rule = rule(at: random.next(below: rules.count)) {
            source = cluster.randomPod(of: rule.peer, random: &random)
            destination = cluster.randomPod(of: rule.target, random: &random)
            port = rule.port
        } else {
            source = random.next(below: cluster.pods.count)
            destination = random.next(below: cluster.pods.count)
            port = random.next(below: 4) == 0 ? SyntheticCluster.metricsPort : SyntheticCluster.httpPort
        }
        if source == destination && cluster.pods.count > 1 { destination = (destination + 1) % cluster.pods.count }
        return (source, destination, port)
    }

    private func rule(at index: Int) -> (target: Int, peer: Int, port: UInt16)? {
        rules.indices.contains(index) ? rules[index] : nil
    }
}
