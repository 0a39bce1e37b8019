import DenyscopeCore
import PolicyEngine

/// The `explain --output json` object of DESIGN.md §4, written in the contract's field order:
/// `from, to, source, destination, protocol, port | icmpType, icmpCode, verdict, egress, ingress,
/// nearMisses`.
///
/// Fields beyond the contract (`source`, `destination`, a near miss's `direction`, a side's `note`
/// and `policiesWithoutRules`) are additions; none of the contract's fields change meaning.
public enum ExplainReport {
    /// Writes one answer.
    /// - Parameters:
    ///   - from: the source as the user named it.
    ///   - to: the destination as the user named it.
    public static func write(from: String, to: String, connection: Connection, decision: Decision, into json: inout JSONWriter) {
        json.object { json in
            json.field("from", from)
            json.field("to", to)
            json.key("source")
            write(connection.source.endpoint, into: &json)
            json.key("destination")
            write(connection.destination.endpoint, into: &json)
            json.field("protocol", connection.protocol.rawValue)
            json.field("port", connection.port.map(Int.init))
            json.field("icmpType", connection.icmpType.map(Int.init))
            json.field("icmpCode", connection.icmpCode.map(Int.init))
            json.field("verdict", decision.verdict.rawValue)
            json.key("egress")
            write(decision.egress, into: &json)
            json.key("ingress")
            write(decision.ingress, into: &json)
            json.key("nearMisses")
            json.array { json in
                for nearMiss in decision.nearMisses { write(nearMiss, into: &json) }
            }
        }
    }

    /// An endpoint: `{kind, namespace, pod, workload:{kind, name}, ip, labels}`, unknown fields absent.
    public static func write(_ endpoint: Endpoint, into json: inout JSONWriter) {
        json.object { json in
            json.field("kind", endpoint.kind.rawValue)
            json.field("namespace", endpoint.namespace)
            json.field("pod", endpoint.pod)
            if let workload = endpoint.workload {
                json.key("workload")
                json.object { json in
                    json.field("kind", workload.kind)
                    json.field("name", workload.name)
                }
            }
            json.field("ip", endpoint.ip?.description)
            if let labels = endpoint.labels {
                json.key("labels")
                json.object { json in
                    for (key, value) in labels.values.sorted(by: { $0.key < $1.key }) { json.field(key, value) }
                }
            }
        }
    }

    /// One side: `{verdict, reason, policies, tier?, note?, policiesWithoutRules?}`.
    public static func write(_ side: SideDecision, into json: inout JSONWriter) {
        json.object { json in
            json.field("verdict", side.verdict.rawValue)
            json.field("reason", side.reason.rawValue)
            json.key("policies")
            write(side.policies, into: &json)
            json.field("tier", side.tier)
            json.field("note", side.note)
            if !side.policiesWithoutRules.isEmpty {
                json.key("policiesWithoutRules")
                write(side.policiesWithoutRules, into: &json)
            }
        }
    }

    /// `{kind, namespace, name, tier, spec, section, rule}`, absent fields omitted (`spec`: index in a
    /// Cilium policy's `specs`; `section`: `ingressDeny`/`egressDeny` for Cilium deny rules).
    public static func write(_ policy: PolicyReference, into json: inout JSONWriter) {
        json.object { json in
            json.field("kind", policy.kind.rawValue)
            json.field("namespace", policy.namespace)
            json.field("name", policy.name)
            json.field("tier", policy.tier)
            json.field("spec", policy.spec)
            json.field("section", policy.section)
            json.field("rule", policy.rule)
        }
    }

    /// `{policy, direction, constraint, expected, actual}`.
    public static func write(_ nearMiss: NearMiss, into json: inout JSONWriter) {
        json.object { json in
            json.key("policy")
            write(nearMiss.policy, into: &json)
            json.field("direction", nearMiss.direction.rawValue)
            json.field("constraint", nearMiss.constraint.rawValue)
            json.field("expected", nearMiss.expected)
            json.field("actual", nearMiss.actual)
        }
    }

    private static func write(_ policies: [PolicyReference], into json: inout JSONWriter) {
        json.array { json in
            for policy in policies { write(policy, into: &json) }
        }
    }
}
