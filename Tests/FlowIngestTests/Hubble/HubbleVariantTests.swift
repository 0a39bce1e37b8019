import DenyscopeCore
import FlowIngest
import Testing

/// One fixture per variant of the Hubble format, with the values that matter for triage.
struct HubbleVariantTests {
    func flows(_ file: String) throws -> [Flow] {
        let result = try ingestHubbleFixture("flows/hubble/" + file)
        #expect(result.stats.failed == 0, "\(result.stats.failures)")
        return result.flows
    }

    /// Should keep both events of a denied packet, count them as one attempt with the SYN
    /// retransmission, and keep the explicit-deny attribution of the policy-verdict event.
    @Test func policyVerdictAndDropPair() throws {
        let flows = try flows("policy-verdict-drop-pair.jsonl")
        #expect(flows.count == 6)
        #expect(flows.map(\.event.kind) == [.policyVerdict, .drop, .drop, .policyVerdict, .drop, .drop])
        #expect(flows.map(\.attempts) == [1, 0, 0, 1, 0, 1])
        #expect(flows.map(\.observed.denial) == [.explicitDeny, .explicitDeny, .explicitDeny, .defaultDeny, .defaultDeny, .defaultDeny])
        let verdict = flows[0]
        #expect(
            verdict.observed.policies == [
                ObservedPolicy(
                    direction: .egress, effect: .denied, kind: "CiliumNetworkPolicy", namespace: "net-lab", name: "deny-tg-to-echo",
                    revision: 6)
            ])
        #expect(
            verdict.observed.policies.first?.reference
                == PolicyReference(kind: .ciliumNetworkPolicy, namespace: "net-lab", name: "deny-tg-to-echo"))
        #expect(verdict.observed.dropReason == .policyDeny)
        #expect(verdict.direction == .egress)
        #expect(verdict.source.workload == WorkloadReference(kind: "Deployment", name: "traffic-generator"))
        #expect(verdict.source.labels == ["app": "traffic-generator"])
        #expect(verdict.sourcePeer.namespaceLabels == ["kubernetes.io/metadata.name": "net-lab"])
        #expect(verdict.sourcePeer.cluster == "lab")
        #expect(verdict.destination.labels == ["app": "echo-server"])
        #expect(flows[1].event == FlowEvent(kind: .drop, type: 1, subType: 181))
        #expect(flows[1].observed.policies.isEmpty)
        #expect(flows[3].observed.policies.isEmpty)  // default deny is never attributed by Hubble
        #expect(flows[3].direction == .ingress)
    }

    /// Should read a legacy bare flow (no `flow` wrapper) with the same names.
    /// Should read every verdict name, written plainly or with escapes, and reject a near miss.
    @Test func verdictNames() {
        func verdict(_ json: String) -> ObservedVerdict? {
            let line = #"{"flow":{"verdict":\#(json),"IP":{"source":"10.0.0.1","destination":"10.0.0.2"}}}"# + "\n"
            return ingest(HubbleJSONAdapter(), Array(line.utf8)).flows.first?.observed.verdict
        }
        for name in ObservedVerdict.allCases { #expect(verdict("\"\(name.rawValue)\"") == name) }
        #expect(verdict(#""DROPP\u0045D""#) == .dropped)
        #expect(verdict(#""DROPPE""#) == nil)
        #expect(verdict(#""DROPPEDX""#) == nil)
    }

    @Test func legacyBareFlow() throws {
        let flows = try flows("legacy-bare-flow.jsonl")
        #expect(flows.count == 2)
        #expect(flows[0].observed.verdict == .dropped)
        #expect(flows[0].observed.denial == .defaultDeny)
        #expect(flows[0].node == "node-a")
        #expect(flows[0].time == 1_652_169_600_000_000_001)
        #expect(
            flows[0].destination == Endpoint(kind: .pod, namespace: "shop", pod: "db-0", ip: IPAddress("10.1.0.9"), labels: ["app": "db"]))
        #expect(flows[0].destinationPort == 5432)
        #expect(flows[1].ipProtocol == .udp)
        #expect(flows[1].destinationPort == 53)
        #expect(flows[1].destinationPeer.service == "kube-system/kube-dns")
        #expect(flows[1].isReply == false)
    }

    /// Should skip the exporter's non-flow lines with their reasons, and sum the lost events.
    @Test func eventsLogWithNonFlowLines() throws {
        let result = try ingestHubbleFixture("flows/hubble/events-log-mixed.jsonl")
        #expect(result.stats.records == 7)  // the blank line is not a record
        #expect(result.stats.parsed == 2)
        #expect(
            result.skips == ["agent_event": 1, "lost_events": 1, "debug_event": 1, "node_status": 1, "not_a_flow_event": 1])
        #expect(result.stats.failed == 0)
        #expect(result.stats.eventsLostUpstream == 12)
        #expect(result.flows.map { $0.location.line } == [2, 7])
    }

    /// Should accept lowerCamelCase names everywhere.
    @Test func lowerCamelCase() throws {
        let flow = try #require(try flows("lower-camel-case.jsonl").first)
        #expect(flow.observed.verdict == .dropped)
        #expect(flow.observed.dropReason == .policyDenied)
        #expect(flow.sourcePort == 50123)
        #expect(flow.destinationPort == 443)
        #expect(flow.source.pod == "ui-6d4f-abc")
        #expect(flow.source.workload == WorkloadReference(kind: "Deployment", name: "ui"))
        #expect(flow.sourcePeer.cluster == "prod")
        #expect(flow.node == "prod/node-7")
        #expect(flow.event.kind == .policyVerdict)
        #expect(flow.direction == .ingress)
        #expect(flow.isReply == false)
        #expect(flow.sourcePeer.dnsNames == ["ui.frontend.svc"])
        #expect(flow.destinationPeer.dnsNames == ["api.backend.svc.cluster.local"])
        #expect(flow.observed.policies.map(\.description) == ["ingress denied by CiliumNetworkPolicy backend/api-deny-ui"])
        #expect(flow.observed.policies.first?.revision == 42)
    }

    /// Should accept enum numbers (old producers print numbers for names they do not know).
    @Test func enumNumbers() throws {
        let flows = try flows("enum-numbers.jsonl")
        #expect(flows[0].observed.verdict == .dropped)
        #expect(flows[0].observed.dropReason == .policyDeny)
        #expect(flows[0].observed.denial == .explicitDeny)
        #expect(flows[0].direction == .egress)
        #expect(flows[0].time == 1_612_177_200_500_000_000)
        #expect(flows[1].observed.verdict == .forwarded)
        #expect(flows[1].ipProtocol == .udp)
    }

    /// Should read 64-bit numbers written as strings, and CIDR identities as world.
    @Test func uint64AsStrings() throws {
        let flow = try #require(try flows("uint64-strings.jsonl").first)
        #expect(flow.sourcePeer.identity == 16_777_231)
        #expect(flow.source.kind == .world)
        #expect(flow.sourcePeer.identityLabels == ["cidr:10.0.5.5/32", "reserved:world"])
        #expect(flow.time == 1_763_647_323_123_456_789)
        #expect(
            flow.observed.policies == [
                ObservedPolicy(
                    direction: .ingress, effect: .allowed, kind: "CiliumNetworkPolicy", namespace: "payments", name: "allow-office",
                    revision: UInt64.max)
            ])
        #expect(flow.observed.denial == nil)
    }

    /// Should read IPv6 addresses and ICMPv6 type and code.
    @Test func ipv6AndICMPv6() throws {
        let flows = try flows("ipv6-icmpv6.jsonl")
        #expect(flows[0].source.ip == IPAddress("fd00:10:244:1::5a"))
        #expect(flows[0].ipProtocol == .icmpv6)
        #expect(flows[0].icmpType == 128)
        #expect(flows[0].icmpCode == 0)
        #expect(flows[0].observed.denial == .defaultDeny)
        #expect(flows[1].icmpType == 1)
        #expect(flows[1].icmpCode == 4)
        #expect(flows[1].attempts == 0)
    }

    /// Should read SCTP ports.
    @Test func sctp() throws {
        let flow = try #require(try flows("sctp.jsonl").first)
        #expect(flow.ipProtocol == .sctp)
        #expect(flow.sourcePort == 36412)
        #expect(flow.destinationPort == 38412)
        #expect(flow.destination.namespace == "core")
        #expect(flow.observed.denial == .defaultDeny)
    }

    /// Should mark a dropped L7 request as an L7 denial although it has no drop reason.
    @Test func l7Drop() throws {
        let flows = try flows("l7-http-drop.jsonl")
        #expect(flows[0].observed.verdict == .dropped)
        #expect(flows[0].observed.dropReason == nil)
        #expect(flows[0].observed.denial == .l7Denied)
        #expect(flows[0].l7?.method == "PUT")
        #expect(flows[0].l7?.url == "http://deathstar.default.svc.cluster.local/v1/exhaust-port")
        #expect(flows[0].destination.workload == WorkloadReference(kind: "Deployment", name: "deathstar"))
        #expect(flows[0].attempts == 1)
        #expect(flows[1].l7?.statusCode == 403)
        #expect(flows[1].observed.denial == nil)
        #expect(flows[1].attempts == 0)
    }

    /// Should read an AUDIT policy verdict without a match type as a would-be default deny.
    @Test func audit() throws {
        let flow = try #require(try flows("audit.jsonl").first)
        #expect(flow.observed.verdict == .audit)
        #expect(flow.observed.denial == .defaultDeny)
        #expect(flow.observed.verdict.passed)
        #expect(flow.destination.workload == WorkloadReference(kind: "StatefulSet", name: "orders"))
        #expect(flow.source.namespace == "shop-edge")
        #expect(flow.direction == .egress)
    }

    /// Should read UDP, the tunnel protocol, world destinations with DNS names, and non-policy drops.
    @Test func udpTunnelWorld() throws {
        let flows = try flows("udp-tunnel-world.jsonl")
        #expect(flows[0].tunnel == "VXLAN")
        #expect(flows[0].ipProtocol == .udp)
        #expect(flows[0].destinationPort == 123)
        #expect(flows[0].destination.kind == .world)
        #expect(flows[0].destinationPeer.dnsNames == ["time.example.org"])
        #expect(flows[0].observed.denial == .defaultDeny)
        #expect(flows[1].ipProtocol == nil)
        #expect(flows[1].destination.kind == .host)
        #expect(flows[1].observed.dropReason == DropReason(code: 139, name: "UNSUPPORTED_L3_PROTOCOL"))
        #expect(flows[1].observed.isNonPolicyDrop)
    }

    /// Should read a pod's side object once for all its records (a shared cache entry), yet keep
    /// each record's own address, DNS names and service.
    @Test func sharedEndpointKeepsPerRecordDetails() throws {
        let flows = try flows("shared-endpoint.jsonl")
        #expect(flows.count == 3)
        #expect(flows.map { $0.source.pod } == ["web-1", "web-1", "web-1"])
        #expect(flows.map { $0.source.ip?.description } == ["10.0.1.5", "10.0.1.5", "10.0.1.6"])
        #expect(flows.map(\.sourcePeer.identity) == [51001, 51001, 51001])
        #expect(flows.map(\.sourcePeer.serviceAccount) == ["web", "web", "web"])
        #expect(flows.map(\.sourcePeer.dnsNames) == [[], ["web.shop.svc.cluster.local"], []])
        #expect(flows.map(\.sourcePeer.service) == [nil, "shop/web", nil])
        #expect(flows.map(\.destination.pod) == ["db-0", "db-0", "db-0"])
        var third = flows[2].source
        third.ip = flows[0].source.ip
        #expect(third == flows[0].source)
    }
}
