import DenyscopeCore

/// How a record's own verdict compares with the engine's (DESIGN.md §2, §4).
public enum Agreement: String, Hashable, Sendable, Comparable {
    /// The record says denied by policy and the engine denies.
    case confirmed
    /// The record says dropped for a reason that is not policy.
    case notAPolicyDrop = "not-a-policy-drop"
    /// The record says denied by policy, the engine allows: stale snapshot, missing policy, or a
    /// CNI that enforces differently.
    case unexplained
    /// The record says allowed, the engine denies: a policy newer than the traffic, or not enforced.
    case observedAllowedButDenied = "observed-allowed-but-denied"
    /// The record carries no verdict (Calico `Log` lines, pcap without a decisive outcome).
    case noObservedVerdict = "no-observed-verdict"
    /// The record says allowed and the engine allows.
    case allowed

    /// Classifies one record against the engine's verdict.
    public init(observed: Flow.Observed, engine: Verdict) {
        if observed.isPolicyDenial {
            self = engine == .denied ? .confirmed : .unexplained
        } else if observed.isNonPolicyDrop {
            self = .notAPolicyDrop
        } else if observed.verdict == .unknown {
            self = .noObservedVerdict
        } else if observed.verdict.passed {
            self = engine == .denied ? .observedAllowedButDenied : .allowed
        } else {
            self = .noObservedVerdict
        }
    }

    public static func < (lhs: Agreement, rhs: Agreement) -> Bool { lhs.rawValue < rhs.rawValue }
}
