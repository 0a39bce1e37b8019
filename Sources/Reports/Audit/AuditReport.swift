import DenyscopeCore
import Matcher

/// The `audit` outputs: which observed connections the proposed policies would break or admit.
public enum AuditReport {
    /// `{summary:{attempts, wouldBreak, wouldAdmit, auditedByRecord, ingest…}, changes:[…]}`.
    public static func write(_ groups: [AuditGroup], attempts: Int, summary: IngestSummary, into json: inout JSONWriter) {
        func total(_ change: AuditChange) -> Int { groups.filter { $0.key.change == change }.reduce(0) { $0 + $1.count } }
        json.object { json in
            json.key("summary")
            json.object { json in
                json.field("records", summary.records)
                json.field("parsed", summary.parsed)
                json.field("skipped", summary.skipped)
                json.field("failed", summary.failed)
                json.field("attempts", attempts)
                json.field("wouldBreak", total(.wouldBreak))
                json.field("auditedByRecord", total(.auditedByRecord))
                json.field("wouldAdmit", total(.wouldAdmit))
            }
            json.key("changes")
            json.array { json in
                for group in groups {
                    json.object { json in
                        json.field("change", group.key.change.rawValue)
                        json.key("source")
                        ExplainReport.write(group.sourceEndpoint, into: &json)
                        json.key("destination")
                        ExplainReport.write(group.destinationEndpoint, into: &json)
                        json.field("protocol", group.key.protocol.rawValue)
                        json.field("port", group.key.port.map(Int.init))
                        json.field("count", group.count)
                        json.field("firstSeen", group.firstSeen.map { Timestamp.rfc3339(nanoseconds: $0) })
                        json.field("lastSeen", group.lastSeen.map { Timestamp.rfc3339(nanoseconds: $0) })
                        json.key("responsible")
                        json.array { json in
                            for policy in group.key.responsible { ExplainReport.write(policy, into: &json) }
                        }
                        for (name, decision) in [("before", group.before), ("after", group.after)] {
                            json.key(name)
                            json.object { json in
                                json.field("verdict", decision.verdict.rawValue)
                                json.key("egress")
                                ExplainReport.write(decision.egress, into: &json)
                                json.key("ingress")
                                ExplainReport.write(decision.ingress, into: &json)
                            }
                        }
                        json.key("examples")
                        json.array { json in
                            for example in group.examples { json.string(FlowReport.origin(example)) }
                        }
                    }
                }
            }
        }
    }

    /// One row per group: change, count, connection, responsible policies.
    public static func rows(_ groups: [AuditGroup]) -> [[String]] {
        groups.map { group in
            var service = group.key.protocol.rawValue
            if let port = group.key.port { service += group.key.protocol.hasPorts ? "/\(port)" : " type \(port)" }
            let policies = group.key.responsible.map { reference in
                reference.qualifiedName + (reference.rule.map { " #\($0)" } ?? "")
            }
            return [
                group.key.change.rawValue, String(group.count), group.key.source, group.key.destination, service,
                policies.isEmpty ? "-" : policies.joined(separator: ", "),
            ]
        }
    }

    public static let headers = ["CHANGE", "COUNT", "SOURCE", "DESTINATION", "SERVICE", "RESPONSIBLE (PROPOSED)"]
}
