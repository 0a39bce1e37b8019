import ClusterLoader
import DenyscopeCore
import DenyscopeTestSupport
import PolicyEngine
import Testing

/// Differential test against np-guard's explanations of every UDP 5353 connection in
/// acs-security-demos: which side denies, every isolating policy, the deny-all policies, the
/// allowing rules and the rules whose peer matched but whose ports did not.
struct NPGuardExplainTests {
    /// Should name the same policies and rules as netpol-analyzer for every denied connection.
    @Test func explainsLikeNetpolAnalyzer() throws {
        let state = try ClusterLoader.load(paths: [Fixtures.path("peers/npguard/tests/acs-security-demos")]).state
        let expected = NPGuardExplanation(
            text: try Fixtures.text("peers/npguard/test_outputs/connlist/acs-security-demos_udp-5353_deny_explain_output.txt"))
        let engine = PolicyEngine(cluster: state)
        /// A workload `ns/name[Kind]` or any external address; nil for the ingress controller, which
        /// np-guard derives from Routes and denyscope does not model.
        func endpoint(_ name: String) throws -> ResolvedEndpoint? {
            if name.hasSuffix("[External]") { return try engine.resolve(.ip(try #require(IPAddress("203.0.113.9")))) }
            let parts = name.split(separator: "[").first?.split(separator: "/") ?? []
            guard parts.count == 2 else { return nil }
            return try engine.resolve(.named(namespace: String(parts[0]), name: String(parts[1])))
        }
        var compared = 0
        for (pair, sides) in expected.sides {
            guard let source = try endpoint(pair.source), let destination = try endpoint(pair.destination) else { continue }
            let connection = Connection(source: source, destination: destination, protocol: .udp, port: 5353)
            let decision = engine.evaluate(connection)
            #expect(decision.verdict == .denied, "\(pair)")
            for (direction, theirs) in sides {
                let side = direction == "Egress" ? decision.egress : decision.ingress
                var ours = NPGuardExplanation.Side()
                ours.systemDefault = side.reason == .notIsolated
                ours.allowing = Set(side.reason == .allowedBy ? side.policies.map(Self.name) : [])
                ours.isolating = Set(side.reason == .defaultDeny ? side.policies.map(Self.name) : [])
                ours.withoutRules = Set(side.policiesWithoutRules.map(Self.name))
                ours.portMismatches = Set(
                    decision.nearMisses.filter {
                        $0.direction.rawValue.capitalized == direction && [.port, .protocol].contains($0.constraint)
                    }
                    .map { Self.name($0.policy) })
                // np-guard lists the isolating policies also beside allowing rules; compare those only when denied.
                if side.verdict == .allowed { ours.isolating = theirs.isolating }
                #expect(ours == theirs, "\(pair.source) => \(pair.destination) \(direction)")
                compared += 1
            }
        }
        // 268 direction blocks in the file, less the 4 of the two ingress-controller pairs.
        #expect(compared == 264)
    }

    static func name(_ reference: PolicyReference) -> String {
        reference.qualifiedName + (reference.rule.map { "#\($0)" } ?? "")
    }
}
