/// One policy of the synthetic cluster, independent of dialect: a namespace's default deny, or a
/// rule that allows (or, in dialects that have them, denies) one application's traffic to another
/// application on one port.
struct SyntheticPolicy {
    enum Shape {
        /// Selects every pod of the namespace for ingress and allows nothing.
        case defaultDeny(namespace: Int)
        /// Admits `peer` to `target` on `port`.
        case allow(target: Int, peer: Int, port: UInt16)
        /// Rejects `peer` at `target` on `port`, whatever else allows it.
        case deny(target: Int, peer: Int, port: UInt16)
    }

    let shape: Shape
    /// The policy's name, unique in its namespace.
    let name: String

    /// Picks `count` policies: a default deny for each namespace first, then allow rules between
    /// random applications, every fourth a deny rule in dialects that have them.
    static func plan(count: Int, namespaces: Int, apps: Int, dialect: GenerateDialect, random: inout SeededRandom) -> [SyntheticPolicy] {
        var result: [SyntheticPolicy] = []
        result.reserveCapacity(count)
        for namespace in 0..<min(count, namespaces) {
            result.append(SyntheticPolicy(shape: .defaultDeny(namespace: namespace), name: "default-deny"))
        }
        var number = 0
        while result.count < count {
            let target = random.next(below: apps)
            let peer = random.next(below: apps)
            let port = random.next(below: 4) == 0 ? SyntheticCluster.metricsPort : SyntheticCluster.httpPort
            number += 1
            if dialect.hasDenyRules && number % 4 == 0 {
                result.append(SyntheticPolicy(shape: .deny(target: target, peer: peer, port: port), name: "deny-\(number)"))
            } else {
                result.append(SyntheticPolicy(shape: .allow(target: target, peer: peer, port: port), name: "allow-\(number)"))
            }
        }
        return result
    }

    /// The rule's applications and port, for rules between applications.
    var rule: (target: Int, peer: Int, port: UInt16)? {
        switch shape {
        case .defaultDeny: return nil
        case .allow(let target, let peer, let port), .deny(let target, let peer, let port): return (target, peer, port)
        }
    }
}
