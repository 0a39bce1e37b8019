import DenyscopeCore
import PolicyEngine

/// The text form of `explain`: a short paragraph for a person at 3 a.m. — the verdict first, then
/// the deciding side and its policies, then the near misses.
public enum ExplainText {
    public static func render(_ connection: Connection, _ decision: Decision) -> String {
        let service = connection.port.map { "\(connection.protocol.rawValue)/\($0)" } ?? icmpText(connection)
        var lines = [
            "\(decision.verdict.rawValue.uppercased()): \(connection.source.endpoint) → \(connection.destination.endpoint) on \(service)"
        ]
        let sides = [decision.egress, decision.ingress]
        let ordered = sides.filter { $0.verdict == .denied } + sides.filter { $0.verdict == .allowed }
        for side in ordered {
            lines.append(sentence(for: side, connection))
        }
        // Near misses are worth a line only where an allow rule could have matched: a default deny
        // by policies that have rules.
        let defaultDenied = sides.filter { $0.verdict == .denied && $0.reason == .defaultDeny }
        let anyRules = defaultDenied.contains { $0.policiesWithoutRules.count < $0.policies.count }
        if decision.verdict == .denied, !decision.nearMisses.isEmpty || anyRules {
            if decision.nearMisses.isEmpty {
                lines.append("No rule came close: none failed on exactly one constraint.")
            } else {
                lines.append("Near misses (rules that failed on exactly one constraint):")
                lines += decision.nearMisses.map { "  - \(describe($0))" }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `rule 0 of NetworkPolicy shop/allow-frontend (ingress): peer label app=webapp does not match app=web`.
    public static func describe(_ nearMiss: NearMiss) -> String {
        let detail: String
        switch nearMiss.constraint {
        case .podLabel:
            detail =
                nearMiss.actual.hasPrefix("no label")
                ? "peer has \(nearMiss.actual), rule requires \(nearMiss.expected)"
                : "peer label \(nearMiss.actual) does not match \(nearMiss.expected)"
        case .namespace:
            detail = "peer is in \(nearMiss.actual), rule selects \(nearMiss.expected)"
        case .peerKind:
            detail = "peer is \(nearMiss.actual), rule allows only \(nearMiss.expected)"
        case .ipBlock:
            detail = "address \(nearMiss.actual) not in \(nearMiss.expected)"
        case .port:
            detail = "port \(nearMiss.actual) not in \(nearMiss.expected)"
        case .protocol:
            detail = "protocol \(nearMiss.actual) does not match \(nearMiss.expected)"
        }
        return "\(nearMiss.policy) (\(nearMiss.direction.rawValue)): \(detail)"
    }

    private static func sentence(for side: SideDecision, _ connection: Connection) -> String {
        let subject = side.direction == .egress ? connection.source.endpoint : connection.destination.endpoint
        let opening = "\(side.direction == .egress ? "Egress of" : "Ingress to") \(shortName(subject))"
        let names = side.policies.map(\.description)
        switch side.reason {
        case .notIsolated:
            return "\(opening): allowed, no policy isolates it for \(side.direction.rawValue)."
        case .allowedBy:
            if names.isEmpty { return "\(opening): allowed, \(side.note ?? "by the dialect's rules")." }
            return "\(opening): allowed by \(list(names))." + (side.note.map { " Note: \($0)." } ?? "")
        case .defaultDeny:
            var text =
                "\(opening): DENIED by default deny. Isolated by \(list(names)); no rule of \(names.count == 1 ? "it" : "them") allows this connection."
            let empty = side.policiesWithoutRules.map(\.description)
            if !empty.isEmpty, side.note == nil {
                let verb = empty.count == 1 ? "has" : "have"
                text += " \(list(empty)) \(verb) no \(side.direction.rawValue) rules (deny all): an allow must come from another policy."
            }
            if let note = side.note { text += " Hint: \(note)." }
            return text
        case .explicitDeny:
            return "\(opening): DENIED by an explicit deny rule, \(list(names)); deny rules win over every allow."
        case .endOfTier:
            return "\(opening): DENIED at the end of tier \(side.tier ?? "?"), selected by \(list(names)) without a decision."
        case .staged:
            return "\(opening): would be DENIED once staged \(list(names)) is enforced."
        }
    }

    private static func shortName(_ endpoint: Endpoint) -> String {
        guard endpoint.kind == .pod || endpoint.kind == .host, let pod = endpoint.pod else { return endpoint.description }
        return [endpoint.namespace, pod].compactMap { $0 }.joined(separator: "/")
    }

    private static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return "nothing"
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
        }
    }

    private static func icmpText(_ connection: Connection) -> String {
        var text = connection.protocol.rawValue
        if let type = connection.icmpType { text += " type \(type)" }
        if let code = connection.icmpCode { text += " code \(code)" }
        return text
    }
}
