import DenyscopeCore

/// One normalized record of `denyscope flows --output jsonl`: what denyscope read, in one JSON
/// shape whatever the input format.
///
/// `{time, source, destination, protocol, sourcePort, destinationPort, icmpType, icmpCode,
/// direction, isReply, observed:{verdict, reason, dropReason, policies}, event, attempts, node,
/// origin}`, unknown fields absent; endpoints as in the triage contract (DESIGN.md §4).
public enum FlowReport {
    public static func write(_ flow: Flow, into json: inout JSONWriter) {
        json.object { json in
            json.field("time", flow.time.map { Timestamp.rfc3339(nanoseconds: $0) })
            json.key("source")
            ExplainReport.write(flow.source, into: &json)
            json.key("destination")
            ExplainReport.write(flow.destination, into: &json)
            json.field("protocol", flow.ipProtocol?.rawValue)
            json.field("sourcePort", flow.sourcePort.map(Int.init))
            json.field("destinationPort", flow.destinationPort.map(Int.init))
            json.field("icmpType", flow.icmpType.map(Int.init))
            json.field("icmpCode", flow.icmpCode.map(Int.init))
            json.field("direction", flow.direction?.rawValue)
            if let isReply = flow.isReply {
                json.key("isReply")
                json.bool(isReply)
            }
            json.key("observed")
            write(flow.observed, into: &json)
            json.field("event", flow.event.kind.rawValue)
            json.field("attempts", flow.attempts)
            json.field("node", flow.node)
            json.field("origin", origin(flow.location))
        }
    }

    /// `{verdict, reason, dropReason, policies:[…]}`.
    static func write(_ observed: Flow.Observed, into json: inout JSONWriter) {
        json.object { json in
            json.field("verdict", observed.verdict == .unknown ? nil : observed.verdict.rawValue)
            json.field("reason", observed.reason)
            json.field("dropReason", observed.dropReason.map(\.description))
            json.key("policies")
            json.array { json in
                for policy in observed.policies { write(policy, into: &json) }
            }
        }
    }

    /// `{direction, effect, kind, namespace, name, tier, rule, action, endOfTier, pending}`: what the
    /// record says of one policy; absent members are left out, the flags only when true.
    static func write(_ policy: ObservedPolicy, into json: inout JSONWriter) {
        json.object { json in
            json.field("direction", policy.direction.rawValue)
            json.field("effect", policy.effect.rawValue)
            json.field("kind", policy.kind)
            json.field("namespace", policy.namespace)
            json.field("name", policy.name)
            json.field("tier", policy.tier)
            json.field("rule", policy.rule)
            json.field("action", policy.action?.rawValue)
            json.flag("endOfTier", policy.isEndOfTier)
            json.flag("pending", policy.isPending)
        }
    }

    /// `file:line`, `file#packet`, or the file alone.
    public static func origin(_ location: InputLocation) -> String {
        if let line = location.line { return "\(location.file):\(line)" }
        if let packet = location.packet { return "\(location.file)#\(packet)" }
        return location.file
    }

    /// One line of `--output table`: time, source → destination, service, verdict and reason, origin.
    public static func tableRow(_ flow: Flow) -> String {
        let time = flow.time.map { Timestamp.rfc3339(nanoseconds: $0) } ?? "-"
        var service = flow.ipProtocol?.rawValue ?? "?"
        if let port = flow.destinationPort { service += "/\(port)" } else if let type = flow.icmpType { service += " type \(type)" }
        let verdict = flow.observed.verdict == .unknown ? "-" : flow.observed.verdict.rawValue
        let reason = flow.observed.reason.map { " (\($0))" } ?? ""
        return "\(time)  \(flow.source) → \(flow.destination)  \(service)  \(verdict)\(reason)  \(origin(flow.location))"
    }
}
