import DenyscopeCore
import Matcher

/// What the ingest layer read, as the triage summary shows it (built by the CLI from its stats).
public struct IngestSummary: Sendable {
    public var records: Int
    public var parsed: Int
    public var skipped: Int
    public var failed: Int
    public var skippedByReason: [String: Int]
    /// The first failures, rendered `file:line: message`.
    public var failures: [String]

    public init(records: Int, parsed: Int, skipped: Int, failed: Int, skippedByReason: [String: Int], failures: [String]) {
        self.records = records
        self.parsed = parsed
        self.skipped = skipped
        self.failed = failed
        self.skippedByReason = skippedByReason
        self.failures = failures
    }
}

/// The `triage --output json` document of DESIGN.md §4.
public enum TriageReport {
    public static func write(_ groups: [FlowGroup], summary: IngestSummary, into json: inout JSONWriter) {
        json.object { json in
            json.key("summary")
            json.object { json in
                json.field("records", summary.records)
                json.field("parsed", summary.parsed)
                json.field("skipped", summary.skipped)
                json.field("failed", summary.failed)
                json.key("skippedByReason")
                json.object { json in
                    for (reason, count) in summary.skippedByReason.sorted(by: { $0.key < $1.key }) { json.field(reason, count) }
                }
                json.field("denied", groups.filter { $0.key.decision.verdict == .denied }.reduce(0) { $0 + $1.count })
                json.field("groups", groups.count)
                json.key("failures")
                json.array { json in
                    for failure in summary.failures { json.string(failure) }
                }
            }
            json.key("groups")
            json.array { json in
                for group in groups { write(group, into: &json) }
            }
        }
    }

    static func write(_ group: FlowGroup, into json: inout JSONWriter) {
        let decision = group.key.decision
        json.object { json in
            json.key("source")
            ExplainReport.write(group.sourceEndpoint, into: &json)
            json.key("destination")
            ExplainReport.write(group.destinationEndpoint, into: &json)
            json.field("protocol", group.key.protocol?.rawValue)
            json.field("port", group.key.port.map(Int.init))
            json.field("count", group.count)
            json.field("firstSeen", group.firstSeen.map { Timestamp.rfc3339(nanoseconds: $0) })
            json.field("lastSeen", group.lastSeen.map { Timestamp.rfc3339(nanoseconds: $0) })
            json.field("verdict", decision.verdict.rawValue)
            json.field("side", side(decision))
            json.field("reason", deciding(decision)?.reason.rawValue)
            // The denying sides' policies (both sides' when both deny); the ingress side's when allowed.
            let sides =
                decision.verdict == .denied ? [decision.egress, decision.ingress].filter { $0.verdict == .denied } : [decision.ingress]
            json.key("policies")
            json.array { json in
                for policy in sides.flatMap(\.policies) { ExplainReport.write(policy, into: &json) }
            }
            json.key("nearMisses")
            json.array { json in
                for nearMiss in group.nearMisses { ExplainReport.write(nearMiss, into: &json) }
            }
            // The records' own verdict, and every policy any of them names.
            if let observed = group.observed.first {
                var named: [ObservedPolicy] = []
                for policy in group.observed.flatMap(\.policies) where !named.contains(policy) { named.append(policy) }
                json.key("observed")
                json.object { json in
                    json.field("verdict", observed.verdict == .unknown ? nil : observed.verdict.rawValue)
                    json.field("reason", observed.reason)
                    json.key("policies")
                    json.array { json in
                        for policy in named { FlowReport.write(policy, into: &json) }
                    }
                }
            }
            json.field("agreement", group.key.agreement.rawValue)
            json.field("attribution", group.attribution?.rawValue)
            json.key("examples")
            json.array { json in
                for example in group.examples { json.string(FlowReport.origin(example)) }
            }
        }
    }

    /// `egress`, `ingress`, `both`, or nil when allowed.
    public static func side(_ decision: Decision) -> String? {
        switch decision.denyingSides {
        case [.egress]: return "egress"
        case [.ingress]: return "ingress"
        case []: return nil
        default: return "both"
        }
    }

    /// The side that decided: the first denying side, else the ingress side.
    public static func deciding(_ decision: Decision) -> SideDecision? {
        if decision.egress.verdict == .denied { return decision.egress }
        return decision.ingress
    }
}
