import DenyscopeCore
import FlowIngest
import Testing

/// Every real sample of `shared/samples/hubble` (copied to `fixtures/flows/hubble`) with its exact accounting.
struct HubbleSampleTests {
    static let samples: [(file: String, records: Int, parsed: Int, skipped: [String: Int], failed: Int, attempts: Int)] = [
        ("cilium-docs__export-rst__events-log-dropped.jsonl", 2, 2, [:], 0, 2),
        ("cilium__exporter_test__events-log-mixed-event-kinds.jsonl", 4, 1, ["agent_event": 1, "debug_event": 1, "lost_events": 1], 0, 1),
        ("hubble-otel__basic-sample-10-flows.jsonl", 10, 10, [:], 0, 5),
        ("hubble-otel__basic-sample-400-icmpv4-flows.jsonl", 18, 18, [:], 0, 4),
        ("hubble-otel__basic-sample-5-dns-flows.jsonl", 5, 5, [:], 0, 3),
        ("hubble-otel__basic-sample-5-http-flows.jsonl", 5, 5, [:], 0, 3),
    ]

    /// Should count every record of each sample as parsed, skipped or failed, exactly.
    ///
    /// Attempts: replies (`is_reply`, or the deprecated `reply`, true) count 0; repeats of one
    /// 5-tuple within the window count once (the 18 ICMP flows are 3 echo streams and 1 stream
    /// of replies without `is_reply`); L7 requests count one each.
    @Test(arguments: samples)
    func countsSample(file: String, records: Int, parsed: Int, skipped: [String: Int], failed: Int, attempts: Int) throws {
        let result = try ingestHubbleFixture("flows/hubble/" + file)
        #expect(result.stats.records == records)
        #expect(result.stats.parsed == parsed)
        #expect(result.skips == skipped)
        #expect(result.stats.failed == failed)
        #expect(result.stats.isBalanced)
        #expect(result.flows.count == parsed)
        #expect(result.flows.map(\.attempts).reduce(0, +) == attempts)
    }

    /// Should read the exporter's masked DROPPED lines: a default deny and a non-policy drop.
    @Test func readsExporterDrops() throws {
        let flows = try ingestHubbleFixture("flows/hubble/cilium-docs__export-rst__events-log-dropped.jsonl").flows
        let invalid = try #require(flows.first)
        #expect(invalid.observed.verdict == .dropped)
        #expect(invalid.observed.dropReason == DropReason(code: 132, name: "INVALID_SOURCE_IP"))
        #expect(invalid.observed.denial == nil)
        #expect(invalid.observed.reason == "not-a-policy-drop")
        #expect(invalid.ipProtocol == .icmpv6)
        #expect(invalid.icmpType == 133)
        #expect(invalid.source.ip == IPAddress("fe80::64d8:8aff:fe72:fc14"))
        #expect(invalid.source.kind == .unknown)
        #expect(invalid.location.line == 1)

        let denied = try #require(flows.last)
        #expect(denied.observed.denial == .defaultDeny)
        #expect(denied.observed.reason == "default-deny")
        #expect(denied.observed.dropReason == .policyDenied)
        #expect(denied.source == Endpoint(kind: .pod, namespace: "default", pod: "xwing", ip: IPAddress("10.244.1.60")))
        #expect(denied.destination.pod == "deathstar-7848d6c4d5-th9v2")
        #expect(denied.ipProtocol == .tcp)
        #expect(denied.sourcePort == 44916)
        #expect(denied.destinationPort == 80)
        #expect(denied.tcpFlags == .syn)
        #expect(denied.node == "kind-kind/kind-worker")
        #expect(denied.time == 1_692_619_938_510_175_415)
        #expect(denied.isReply == nil)
        #expect(denied.location.line == 2)
    }

    /// Should split Hubble identity labels into pod labels, namespace, service account and reserved labels.
    @Test func readsLabelsAndReservedIdentities() throws {
        let flows = try ingestHubbleFixture("flows/hubble/hubble-otel__basic-sample-10-flows.jsonl").flows
        let first = try #require(flows.first)
        #expect(first.source.kind == .pod)
        #expect(first.source.namespace == "bookinfo")
        #expect(first.source.pod == "reviews-v1-545db77b95-s6jb8")
        #expect(first.source.labels == ["app": "reviews", "security.istio.io/tlsMode": "istio", "version": "v1"])
        #expect(first.sourcePeer.namespaceLabels == ["istio-injection": "enabled"])
        #expect(first.sourcePeer.serviceAccount == "bookinfo-reviews")
        #expect(first.sourcePeer.cluster == "default")
        #expect(first.sourcePeer.identity == 25339)
        #expect(first.destination.kind == .host)
        #expect(first.destinationPeer.identityLabels == ["reserved:host"])
        #expect(first.isReply == true)  // the deprecated `reply: true`
        #expect(first.tcpFlags == [.fin, .ack])
        #expect(first.event == FlowEvent(kind: .trace, type: 4, subType: 3))
        #expect(first.direction == .ingress)
        #expect(first.observed == Flow.Observed(verdict: .forwarded))
        #expect(first.attempts == 0)
    }

    /// Should read an ICMP echo reply written as an empty object as type 0, code 0.
    @Test func readsEmptyICMPObjectAsEchoReply() throws {
        let flows = try ingestHubbleFixture("flows/hubble/hubble-otel__basic-sample-400-icmpv4-flows.jsonl").flows
        #expect(flows[0].icmpType == 8)
        #expect(flows[0].ipProtocol == .icmp)
        #expect(flows[0].destination.kind == .unknown)  // reserved:health
        #expect(flows[1].icmpType == 0)
        #expect(flows[1].icmpCode == 0)
        #expect(flows[1].isReply == true)
    }

    /// Should read L7 DNS and HTTP records.
    @Test func readsL7Records() throws {
        let dns = try ingestHubbleFixture("flows/hubble/hubble-otel__basic-sample-5-dns-flows.jsonl").flows
        #expect(
            dns[0].l7
                == FlowL7(protocolName: "dns", type: "REQUEST", query: "istiod-istio-1611.istio-system.svc.istio-system.svc.cluster.local.")
        )
        #expect(dns[0].event.kind == .l7)
        let http = try ingestHubbleFixture("flows/hubble/hubble-otel__basic-sample-5-http-flows.jsonl").flows
        #expect(http[0].l7?.method == "GET")
        #expect(http[0].l7?.url == "http://10.128.0.4:9990/metrics")
        #expect(http[0].destination.kind == .world)
        #expect(http[0].destinationPeer.identityLabels == ["reserved:world"])
    }

    /// Should fail, line by line, on compact (text) output read as JSON, and not sniff it as Hubble.
    @Test func compactOutputIsNotJSON() throws {
        let bytes = try fixtureBytes("flows/hubble/cilium-docs__policy-creation-rst__compact-policy-verdicts.txt")
        #expect(bytes.withUnsafeBytes { FormatSniffer.sniff($0) } == .unknown)
        let result = ingestHubble(bytes, file: "compact.txt")
        #expect(result.stats.records == 4)
        #expect(result.stats.failed == 4)
        #expect(
            result.stats.failures.first?.description == "compact.txt:1: invalid JSON: unexpected 'F', expected a JSON object at column 1")
    }
}
