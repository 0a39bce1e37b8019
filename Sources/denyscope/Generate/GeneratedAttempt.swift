import DenyscopeCore

/// One generated connection attempt: a TCP connection from one pod to another on an
/// application port, with the engine's decision for it.
struct GeneratedAttempt {
    /// The index of the source pod.
    let source: Int
    /// The index of the destination pod.
    let destination: Int
    let sourcePort: UInt16
    let destinationPort: UInt16
    /// Nanoseconds since the Unix epoch.
    let time: Int64
    let decision: Decision

    /// The side whose verdict the record reports: ingress when the destination denies (or when
    /// both allow), else egress.
    var reportingSide: SideDecision {
        decision.ingress.verdict == .denied || decision.egress.verdict == .allowed ? decision.ingress : decision.egress
    }

    /// Whether a deny rule (rather than the absence of an allow rule) decided.
    var isExplicitDeny: Bool { reportingSide.reason == .explicitDeny }
}
