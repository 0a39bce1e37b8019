import ClusterLoader
import DenyscopeCore
import DenyscopeTestSupport
import Matcher
import PolicyEngine
import Testing

struct FlowMatcherTests {
    static func engine() throws -> PolicyEngine {
        let state = try ClusterLoader.load(paths: [Fixtures.path("cluster/kubectl-get-all/snapshot.yaml")]).state
        return PolicyEngine(cluster: state)
    }

    /// A TCP flow from `source` to `destination` port `port`, as a record would give it.
    static func flow(
        _ source: Endpoint, _ destination: Endpoint, port: UInt16, observed: Flow.Observed, attempts: Int = 1, time: Int64 = 1_000,
        line: Int = 1
    ) -> Flow {
        Flow(
            time: time, source: source, destination: destination, ipProtocol: .tcp, sourcePort: 40000, destinationPort: port,
            observed: observed, attempts: attempts, location: InputLocation(file: "flows.jsonl", line: line))
    }

    static let crawler = Endpoint(kind: .pod, namespace: "marketing", pod: "crawler")
    static let web = Endpoint(kind: .pod, namespace: "shop", pod: "web-7c8d9f6b5-x2k4q")
    static let db = Endpoint(kind: .world, ip: IPAddress("10.244.1.6"))
    static let deniedByPolicy = Flow.Observed(verdict: .dropped, dropReason: .policyDenied, denial: .defaultDeny)
    static let forwarded = Flow.Observed(verdict: .forwarded)
    static let nonPolicyDrop = Flow.Observed(verdict: .dropped, dropReason: DropReason(code: 139, name: nil))

    /// Should label each group by how the record's verdict compares with the engine's.
    @Test func labelsAgreement() throws {
        var matcher = FlowMatcher(engine: try Self.engine(), includeAllowed: true)
        matcher.add(Self.flow(Self.crawler, Self.web, port: 80, observed: Self.deniedByPolicy))  // engine denies: port 80 is not http
        matcher.add(Self.flow(Self.crawler, Self.web, port: 8080, observed: Self.deniedByPolicy))  // engine allows
        matcher.add(Self.flow(Self.db, Self.web, port: 8080, observed: Self.forwarded))  // engine denies (db egress and web ingress)
        matcher.add(Self.flow(Self.crawler, Self.web, port: 443, observed: Self.nonPolicyDrop))
        matcher.add(Self.flow(Self.crawler, Self.web, port: 9000, observed: Flow.Observed()))
        let labels = matcher.groups.map { "\($0.key.source) → \($0.key.destination):\($0.key.port ?? 0) \($0.key.agreement.rawValue)" }
        #expect(
            labels == [
                "marketing/crawler → shop/web (Deployment):80 confirmed",
                "marketing/crawler → shop/web (Deployment):8080 unexplained",
                "shop/db (StatefulSet) → shop/web (Deployment):8080 observed-allowed-but-denied",
                "marketing/crawler → shop/web (Deployment):443 not-a-policy-drop",
                "marketing/crawler → shop/web (Deployment):9000 no-observed-verdict",
            ])
    }

    /// Should decide a connection a capture saw to a Service's ClusterIP on the backend pod and the
    /// target port (`web`'s port 80 is the pods' named port `http`, 8080); other addresses stay.
    @Test func followsServiceClusterIPToBackend() throws {
        var matcher = FlowMatcher(engine: try Self.engine(), includeAllowed: true)
        let clusterIP = Endpoint(kind: .world, ip: IPAddress("10.96.120.7"))
        matcher.add(Self.flow(Self.crawler, clusterIP, port: 80, observed: Self.forwarded))
        matcher.add(Self.flow(Self.crawler, clusterIP, port: 443, observed: Self.nonPolicyDrop))  // not a port of the Service
        let groups = matcher.groups.map { "\($0.key.destination):\($0.key.port ?? 0) \($0.key.decision.verdict.rawValue)" }
        #expect(groups == ["shop/web (Deployment):8080 allowed", "10.96.120.7:443 allowed"])
        #expect(matcher.groups.first?.destinationEndpoint.pod?.hasPrefix("web-") == true)
    }

    /// Should count connection attempts (not records), keep first and last seen, and a few examples.
    @Test func aggregatesAttempts() throws {
        var matcher = FlowMatcher(engine: try Self.engine())
        for (index, attempts) in [1, 0, 0, 1, 1].enumerated() {
            matcher.add(
                Self.flow(
                    Self.crawler, Self.web, port: 80, observed: Self.deniedByPolicy, attempts: attempts, time: Int64(5_000 - index),
                    line: index + 1))
        }
        matcher.add(Self.flow(Self.crawler, Self.web, port: 8080, observed: Self.forwarded))  // allowed by both: not a group without --all
        let groups = matcher.explained(matcher.sortedGroups)
        #expect(groups.count == 1)
        let group = try #require(groups.first)
        #expect(group.count == 3)
        #expect(group.firstSeen == 4_996 && group.lastSeen == 5_000)
        #expect(group.examples.map(\.line) == [1, 2, 3])
        #expect(group.key.decision.ingress.reason == .defaultDeny)
        #expect(group.key.decision.nearMisses.isEmpty)  // decisions are cached without near misses…
        #expect(group.nearMisses.map(\.constraint) == [.port])  // …which are computed once per group
        #expect(matcher.flowsSeen == 6)
    }

    /// Should not evaluate replies: they pass with their connection.
    @Test func skipsReplies() throws {
        var matcher = FlowMatcher(engine: try Self.engine())
        var reply = Self.flow(Self.web, Self.crawler, port: 40000, observed: Self.deniedByPolicy)
        reply.isReply = true
        matcher.add(reply)
        #expect(matcher.groups.isEmpty)
        #expect(matcher.notEvaluated == 1)
    }
}

extension FlowMatcherTests {
    /// Should say whether the policies a record names as denying it are the engine's.
    @Test func comparesTheRecordsAttribution() throws {
        var matcher = FlowMatcher(engine: try Self.engine())
        func denied(by name: String) -> Flow.Observed {
            var observed = Self.deniedByPolicy
            observed.policies = [ObservedPolicy(direction: .ingress, effect: .denied, kind: "NetworkPolicy", namespace: "shop", name: name)]
            return observed
        }
        matcher.add(Self.flow(Self.crawler, Self.web, port: 80, observed: Self.deniedByPolicy))
        #expect(matcher.groups.first?.attribution == nil)
        matcher.add(Self.flow(Self.crawler, Self.web, port: 80, observed: denied(by: "default-deny")))
        matcher.add(Self.flow(Self.crawler, Self.web, port: 80, observed: denied(by: "knp.default.web-allow-marketing")))
        #expect(matcher.groups.first?.attribution == .agrees)
        matcher.add(Self.flow(Self.crawler, Self.web, port: 80, observed: denied(by: "retired-policy")))
        matcher.add(Self.flow(Self.crawler, Self.web, port: 80, observed: denied(by: "default-deny")))
        #expect(matcher.groups.first?.attribution == .differs)
        #expect(matcher.groups.map(\.count) == [5])
    }

    /// Should judge the same named policies afresh under another decision: the engine denies
    /// port 80 with `default-deny` among the policies responsible, and allows port 8080.
    @Test func judgesTheAttributionPerDecision() throws {
        var matcher = FlowMatcher(engine: try Self.engine())
        var observed = Self.deniedByPolicy
        observed.policies = [
            ObservedPolicy(direction: .ingress, effect: .denied, kind: "NetworkPolicy", namespace: "shop", name: "default-deny")
        ]
        for port: UInt16 in [80, 8080, 80, 8080] { matcher.add(Self.flow(Self.crawler, Self.web, port: port, observed: observed)) }
        #expect(matcher.groups.map { "\($0.key.port ?? 0) \($0.attribution?.rawValue ?? "none")" } == ["80 agrees", "8080 differs"])
    }
}
