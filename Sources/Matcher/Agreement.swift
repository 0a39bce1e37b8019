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
    ///
    /// A capture's inferred outcome counts as follows: a completed handshake is an allowed record;
    /// a policy rejection, a silent drop or a refusal the engine also denies is confirmed, and one
    /// the engine allows is not a policy drop; a weak reading (an unanswered datagram) carries no verdict.
    public init(observed: Flow.Observed, engine: Verdict) {
        if let inferred = observed.inferred, inferred.kind != .established {
            switch inferred.strength {
            case .weak: self = .noObservedVerdict
            case .notPolicy: self = .notAPolicyDrop
            case .observed, .inferred: self = engine == .denied ? .confirmed : .notAPolicyDrop
            }
        } else if observed.isPolicyDenial {
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
