import DenyscopeCore
import DenyscopeTestSupport
import FlowIngest
import Foundation
import Testing

/// Calico flow logs: the real samples, one fixture per variant, bad input, chunking and hostile input.
struct CalicoFlowLogTests {
    static let files: [(file: String, records: Int, parsed: Int, skipped: [String: Int], failed: Int, attempts: Int)] = [
        ("calico-enterprise-docs__datatypes-mdx__flowlog-level0.normalized.jsonl", 1, 1, [:], 0, 1),
        // Pretty-printed (and invalid) as published: every line fails as JSON of its own.
        ("calico-enterprise-docs__datatypes-mdx__flowlog-level0.verbatim.json.txt", 59, 0, [:], 59, 0),
        // Trace-string lists, not flow logs: each line fails as JSON (the strings are tested below).
        ("calico__goldmane-methods-test__policy-hits-v3.32-valid.txt", 28, 0, [:], 28, 0),
        ("calico__goldmane-methods-test__policy-hits-v3.32-invalid.txt", 13, 0, [:], 13, 0),
        ("calico__goldmane-methods-test__policy-hits-v3.31-legacy-valid.txt", 27, 0, [:], 27, 0),
        ("flowlog-enterprise-levels.jsonl", 5, 5, [:], 0, 15),
        ("flowlog-enterprise-g3-pending.jsonl", 2, 2, [:], 0, 1),
        ("flowlog-goldmane-emitter.jsonl", 2, 2, [:], 0, 1),
        ("flowlog-whisker-watch.sse", 5, 2, ["sse_field": 3], 0, 2),
        ("flowlog-whisker-list.json", 1, 0, ["whisker_list_response": 1], 0, 0),
    ]

    /// Should count every line of each file exactly; `attempts` sums the records' own connection counts.
    @Test(arguments: files)
    func countsFile(file: String, records: Int, parsed: Int, skipped: [String: Int], failed: Int, attempts: Int) throws {
        let result = try ingestFixture(CalicoFlowLogAdapter(), "flows/calico/" + file)
        #expect(result.stats.records == records)
        #expect(result.stats.parsed == parsed)
        #expect(result.skips == skipped)
        #expect(result.stats.failed == failed)
        #expect(result.stats.isBalanced)
        #expect(result.flows.map(\.attempts).reduce(0, +) == attempts)
    }

    /// Should read the docs' level-0 record: names, labels, ports, G2 traces with a pending staged deny.
    @Test func readsDocsRecord() throws {
        let path = "flows/calico/calico-enterprise-docs__datatypes-mdx__flowlog-level0.normalized.jsonl"
        let flow = try #require(ingestFixture(CalicoFlowLogAdapter(), path).flows.first)
        #expect(flow.time == 1_597_166_083_000_000_000)
        #expect(flow.node == "bz-n8kf-kadm-node-1")
        #expect(
            flow.source
                == Endpoint(
                    kind: .pod, namespace: "policy-demo", pod: "access-6b687c8dcb-zn5s2", ip: IPAddress("192.168.47.9"),
                    labels: ["app": "access", "pod-template-hash": "6b687c8dcb"]))
        #expect(flow.sourcePeer.aggregatedName == "access-6b687c8dcb-*")
        #expect(flow.destination.pod == "nginx-86c57db685-h6792")
        #expect(flow.ipProtocol == .tcp)
        #expect(flow.sourcePort == 42106)
        #expect(flow.destinationPort == 80)
        #expect(flow.direction == .ingress)
        #expect(flow.event.kind == .flowLog)
        #expect(flow.observed.verdict == .forwarded)
        #expect(flow.observed.denial == nil)
        let described = flow.observed.policies.map(\.description)
        #expect(
            described == [
                "ingress passed by CalicoNetworkPolicy ns1/tier1.policy1",
                "ingress allowed by CalicoNetworkPolicy policy-demo/access-nginx",
                "ingress passed by CalicoNetworkPolicy ns1/tier1.policy1", "ingress denied by StagedNetworkPolicy ns2/tier1.policy1",
            ])
        #expect(flow.observed.policies.map(\.isPending) == [false, false, true, true])
        #expect(flow.observed.policies.map(\.rule) == [3, 2, 3, 1])
        #expect(flow.observed.policies.map(\.tier) == ["tier1", "default", "tier1", "tier2"])
    }

    /// Should hide nothing it was not given: level 1 drops the source port, level 2 the IPs and
    /// names (aggregates kept apart), level 3 the destination port; G1 strings have no rule.
    @Test func aggregationLevels() throws {
        let flows = try ingestFixture(CalicoFlowLogAdapter(), "flows/calico/flowlog-enterprise-levels.jsonl").flows
        #expect(flows[0].sourcePort == 42106)
        #expect(flows[0].destinationPeer.service == "data/db")
        #expect(flows[0].observed.denial == .explicitDeny)
        #expect(flows[0].observed.policies.map(\.name) == ["security.audit", "deny-shop"])
        #expect(flows[0].attempts == 2)

        #expect(flows[1].sourcePort == nil)
        #expect(flows[1].destination == Endpoint(kind: .unknown, ip: IPAddress("10.0.0.1")))
        #expect(flows[1].destinationPeer.aggregatedName == "pvt")
        #expect(flows[1].observed.denial == .endOfTier)
        #expect(flows[1].observed.reason == "end-of-tier")
        let endOfTier = try #require(flows[1].observed.policies.first)
        #expect(endOfTier.kind == "NetworkPolicy")
        #expect(endOfTier.namespace == "shop")
        #expect(endOfTier.name == "egress-only-dns")
        #expect(endOfTier.isEndOfTier)
        #expect(endOfTier.rule == nil)

        #expect(flows[2].source == Endpoint(kind: .pod, namespace: "shop"))
        #expect(flows[2].sourcePeer.aggregatedName == "client-6b687c8dcb-*")
        #expect(flows[2].destination.ip == nil)
        #expect(flows[2].destinationPeer.aggregatedName == "nginx-86c57db685-*")
        #expect(flows[2].attempts == 4)
        #expect(flows[2].observed.policies.map(\.isPending) == [false, true])
        #expect(flows[2].observed.policies.map(\.kind) == ["CalicoNetworkPolicy", "StagedNetworkPolicy"])

        #expect(flows[3].destinationPort == nil)
        #expect(flows[3].destination.kind == .world)
        #expect(flows[3].observed.policies.map(\.rule) == [nil])
        #expect(flows[3].observed.policies.first?.kind == "Profile")
        #expect(flows[3].observed.policies.first?.name == "kns.kube-system")

        #expect(flows[4].ipProtocol == .icmp)
        #expect(flows[4].observed.denial == .defaultDeny)
    }

    /// Should read G3 traces with kinds and pending (staged) entries; a record without new connections counts 0.
    @Test func generationThreeAndPending() throws {
        let flows = try ingestFixture(CalicoFlowLogAdapter(), "flows/calico/flowlog-enterprise-g3-pending.jsonl").flows
        #expect(flows[0].observed.denial == .endOfTier)
        #expect(
            flows[0].observed.policies.map(\.kind) == [
                "ClusterNetworkPolicy", "CalicoNetworkPolicy", "ClusterNetworkPolicy", "StagedNetworkPolicy",
            ])
        #expect(flows[0].observed.policies.map(\.action) == [.pass, .deny, .pass, .allow])
        #expect(flows[0].observed.policies[3].isPending)
        #expect(flows[1].observed.denial == .explicitDeny)
        #expect(flows[1].observed.policies.map(\.name) == ["deny-redis-egress", "lockdown", "deny-redis-egress"])
        #expect(flows[1].attempts == 0)
    }

    /// Should read the Goldmane emitter's numeric enums, EndOfTier with its trigger, and omitted zeros.
    @Test func goldmaneEmitter() throws {
        let flows = try ingestFixture(CalicoFlowLogAdapter(), "flows/calico/flowlog-goldmane-emitter.jsonl").flows
        let denied = flows[0]
        #expect(denied.time == 1_747_000_000_000_000_000)
        #expect(denied.source == Endpoint(kind: .pod, namespace: "app", labels: ["app": "client"]))
        #expect(denied.destinationPeer.aggregatedName == "nginx-*")
        #expect(denied.destinationPort == 80)
        #expect(denied.direction == .ingress)
        #expect(denied.observed.verdict == .dropped)
        #expect(denied.observed.denial == .endOfTier)
        var trigger = ObservedPolicy(direction: .ingress, effect: .denied, kind: "NetworkPolicy", namespace: "web", name: "default-deny")
        trigger.tier = "default"
        trigger.isEndOfTier = true
        trigger.action = .deny
        #expect(denied.observed.policies == [trigger])
        #expect(flows[1].observed.verdict == .forwarded)
        #expect(flows[1].observed.policies.map(\.rule) == [3, 0])
        #expect(flows[1].observed.policies.map(\.isPending) == [false, true])
        #expect(flows[1].attempts == 0)
    }

    /// Should read Whisker SSE `data:` lines (names of enums, RFC 3339 times, label strings, PolicyHit trigger).
    @Test func whiskerEvents() throws {
        let flows = try ingestFixture(CalicoFlowLogAdapter(), "flows/calico/flowlog-whisker-watch.sse").flows
        #expect(flows.map(\.location.line) == [4, 6])
        #expect(flows[0].time == 1_747_044_000_000_000_000)
        #expect(flows[0].source.labels == ["app": "client", "pod-template-hash": "7d9b6c"])
        #expect(flows[0].observed.denial == .endOfTier)
        #expect(flows[0].observed.policies.first?.name == "default-deny")
        #expect(flows[0].observed.policies.first?.kind == "NetworkPolicy")
        #expect(flows[1].destination.kind == .world)
        #expect(flows[1].destinationPeer.aggregatedName == "pub")
        #expect(flows[1].ipProtocol == .udp)
        #expect(flows[1].observed.policies.map(\.kind) == ["CalicoNetworkPolicy", "StagedNetworkPolicy"])
    }

    /// Should accept every trace string Goldmane accepts, in both generations, and reject every one it rejects.
    @Test func goldmaneTraceVectors() throws {
        func lines(_ file: String) throws -> [String] {
            String(decoding: try fixtureBytes("flows/calico/" + file), as: UTF8.self).split(separator: "\n").map(String.init)
        }
        func record(_ trace: String) -> String {
            #"{"action":"deny","reporter":"dst","policies":{"enforced_policies":["\#(trace)"]}}"#
        }
        for file in [
            "calico__goldmane-methods-test__policy-hits-v3.32-valid.txt",
            "calico__goldmane-methods-test__policy-hits-v3.31-legacy-valid.txt",
        ] {
            let traces = try lines(file)
            let result = ingest(CalicoFlowLogAdapter(), Array(traces.map(record).joined(separator: "\n").utf8))
            #expect(result.stats.parsed == traces.count, "\(file): \(result.stats.failures)")
        }
        let invalid = try lines("calico__goldmane-methods-test__policy-hits-v3.32-invalid.txt")
        let result = ingest(CalicoFlowLogAdapter(), Array(invalid.map(record).joined(separator: "\n").utf8))
        #expect(result.stats.failed == 13)
        #expect(result.stats.failures.first?.message == #"policy trace "1|tier|sgnp:tier.name|deny|notInt": invalid rule index "notInt""#)
    }

    /// Should read each G2 name form as its kind and name.
    @Test func legacyNameForms() throws {
        let traces = [
            "0|default|policy-demo/default.access-nginx|allow|2", "0|default|namespace/knp.default.name|allow|2",
            "1|default|namespace/staged:knp.default.name|deny|3", "0|tier2|default/tier2.staged:np2-1|deny|-1",
            "1|__PROFILE__|__PROFILE__.ksa.svcacct|allow|0", "3|adminnetworkpolicy|kanp.adminnetworkpolicy.name|pass|4",
            "0|tier|tier.staged:name|deny|2", "0|default|default.allow-dns|allow|0",
        ]
        let line =
            #"{"action":"deny","reporter":"src","policies":{"enforced_policies":["# + traces.map { "\"\($0)\"" }.joined(separator: ",")
            + "]}}"
        let policies = try #require(ingest(CalicoFlowLogAdapter(), Array(line.utf8)).flows.first).observed.policies
        let byName = policies.map { "\($0.kind ?? "-") \($0.namespace ?? "-") \($0.name)" }
        #expect(
            Set(byName) == [
                "CalicoNetworkPolicy policy-demo access-nginx", "NetworkPolicy namespace name",
                "StagedKubernetesNetworkPolicy namespace name",
                "StagedNetworkPolicy default np2-1", "Profile - ksa.svcacct", "AdminNetworkPolicy - name",
                "StagedGlobalNetworkPolicy - name",
                "GlobalNetworkPolicy - allow-dns",
            ])
    }

    /// Should fail each bad line with its line number and what is wrong.
    @Test func badRecords() throws {
        let path = Fixtures.path("bad/calico-flowlog/bad-records.jsonl")
        let result = try ingestFixture(CalicoFlowLogAdapter(), "bad/calico-flowlog/bad-records.jsonl")
        #expect(result.stats.records == 15)
        #expect(result.stats.parsed == 1)
        #expect(result.skips == ["not_a_flow_log": 1])
        #expect(result.flows.map(\.location.line) == [12])
        let expected = [
            #"1: field "source_ip": invalid IP address "10.0.0.300""#,
            #"2: field "dest_port": expected an integer from 0 to 65535, got "70000""#,
            #"3: field "action": unknown value "maybe""#,
            #"4: field "reporter": unknown value "sideways""#,
            #"5: policy trace "0|default|np:ns/name|deny|x": invalid rule index "x""#,
            #"6: policy trace "0|tier|gnp:tier.name|allow|0|extra": expected 4 or 5 |-separated fields, got 6"#,
            #"7: policy trace "0|@kube-baseline|kcnp:policy1|allow|-1": invalid tier "@kube-baseline""#,
            #"8: field "policies.enforced_policies": expected array, got string"#,
            #"9: field "start_time": invalid RFC 3339 time "yesterday""#,
            #"10: field "source_name": expected string, got number"#,
            #"11: field "policies.enforced_policies": kind: unknown value 99"#,
            "13: invalid JSON: unexpected end of input, expected a string key at column 36",
            "14: invalid JSON: unexpected 'n', expected a JSON object at column 1",
        ]
        #expect(result.stats.failures.map(\.description) == expected.map { "\(path):\($0)" })
        let truncated = try ingestFixture(CalicoFlowLogAdapter(), "bad/calico-flowlog/truncated.jsonl")
        #expect(
            truncated.stats.failures.map(\.description) == [
                "\(Fixtures.path("bad/calico-flowlog/truncated.jsonl")):1: invalid JSON: unterminated string at column 84"
            ])
    }

    /// Should not depend on where chunks are cut.
    @Test(arguments: [
        "flows/calico/calico-enterprise-docs__datatypes-mdx__flowlog-level0.normalized.jsonl",
        "flows/calico/flowlog-enterprise-levels.jsonl",
        "flows/calico/flowlog-enterprise-g3-pending.jsonl", "flows/calico/flowlog-goldmane-emitter.jsonl",
        "flows/calico/flowlog-whisker-watch.sse", "flows/calico/flowlog-whisker-list.json", "bad/calico-flowlog/bad-records.jsonl",
        "bad/calico-flowlog/truncated.jsonl",
    ])
    func chunkingDoesNotMatter(fixture: String) throws {
        verifyChunkBoundaries(adapter: CalicoFlowLogAdapter(), try fixtureBytes(fixture), file: fixture)
    }

    /// Should never trap on garbage, truncations or mutated field types, and balance the books.
    @Test func hostileInput() throws {
        var seeded = SplitMix(seed: 11)
        var bytes: [UInt8] = []
        for _ in 0..<100_000 { bytes.append(UInt8(truncatingIfNeeded: seeded.next())) }
        #expect(ingest(CalicoFlowLogAdapter(), bytes, pieces: Array(repeating: 513, count: 300)).stats.isBalanced)
        let line = try fixtureBytes("flows/calico/flowlog-goldmane-emitter.jsonl").prefix { $0 != UInt8(ascii: "\n") }
        for length in 1..<line.count {
            let result = ingest(CalicoFlowLogAdapter(), Array(line.prefix(length)))
            #expect(result.stats.records == 1 && result.stats.failed == 1, "prefix of \(length) bytes")
        }
        let fields = [
            "action", "reporter", "source_ip", "dest_port", "start_time", "policies", "source_labels", "proto", "num_flows", "Key",
        ]
        for value in ["{}", "[]", "\"x\"", "-1", "1e999", "true", "null", "99999999999999999999", "[{}]", "{\"labels\":{}}"] {
            for field in fields {
                let result = ingest(CalicoFlowLogAdapter(), Array("{\"action\":\"deny\",\"\(field)\":\(value)}\n".utf8))
                #expect(result.stats.isBalanced && result.stats.records == 1)
            }
        }
    }
}
