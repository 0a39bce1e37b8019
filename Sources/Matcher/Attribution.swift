import DenyscopeCore

/// Whether the policies a record names as denying it are the ones the engine holds responsible
/// (Hubble `*_denied_by`, Calico policy traces).
public enum Attribution: String, Hashable, Sendable {
    case agrees
    case differs

    /// `nil` when the record names no denying policy (most records: default denies are rarely
    /// attributed, and LOG lines and captures never are).
    public init?(observed: Flow.Observed, decision: Decision) {
        let named = observed.policies.filter { $0.effect == .denied && !$0.isPending }
        guard !named.isEmpty else { return nil }
        let responsible = Set(
            [decision.egress, decision.ingress].filter { $0.verdict == .denied }.flatMap(\.policies).map {
                Self.key(namespace: $0.namespace, name: $0.name)
            })
        let agrees = named.allSatisfy { responsible.contains(Self.key(namespace: $0.namespace, name: $0.name)) }
        self = agrees ? .agrees : .differs
    }

    /// Names compared as Calico and Cilium print them: `knp.default.<name>` (Calico up to 3.31) is
    /// the Kubernetes policy `<name>`.
    private static func key(namespace: String?, name: String) -> String {
        let bare = name.hasPrefix("knp.default.") ? String(name.dropFirst("knp.default.".count)) : name
        return (namespace ?? "") + "/" + bare
    }
}
