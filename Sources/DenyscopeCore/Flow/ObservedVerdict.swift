/// The verdict a flow record carries about itself, as the data path reported it.
///
/// Spelled as Hubble's `Verdict` enum (the names `hubble observe --verdict` accepts); other
/// formats map onto the same cases (a Calico `deny` action is `dropped`).
public enum ObservedVerdict: String, Hashable, Sendable, CaseIterable {
    /// No verdict in the record (Hubble `VERDICT_UNKNOWN`, 0, or the field absent).
    case unknown = "VERDICT_UNKNOWN"
    /// Forwarded to the next processing entity (1).
    case forwarded = "FORWARDED"
    /// Dropped (2): by policy or for a non-policy reason; see `Flow.Observed.dropReason`.
    case dropped = "DROPPED"
    /// An error during processing (3).
    case error = "ERROR"
    /// Policy audit mode (4): would have been dropped by policy, forwarded instead.
    case audit = "AUDIT"
    /// Redirected to the L7 proxy (5).
    case redirected = "REDIRECTED"
    /// Observed at a trace point, no verdict yet (6).
    case traced = "TRACED"
    /// Address translated by the socket load balancer (7).
    case translated = "TRANSLATED"

    /// Hubble's enum number for this verdict.
    public var number: Int {
        switch self {
        case .unknown: return 0
        case .forwarded: return 1
        case .dropped: return 2
        case .error: return 3
        case .audit: return 4
        case .redirected: return 5
        case .traced: return 6
        case .translated: return 7
        }
    }

    /// The verdict with Hubble's enum number `number`, if there is one.
    public init?(number: Int) {
        guard let match = Self.allCases.first(where: { $0.number == number }) else { return nil }
        self = match
    }

    /// Whether the record says the traffic went through (forwarded, redirected, translated, or audited).
    public var passed: Bool {
        switch self {
        case .forwarded, .redirected, .translated, .audit: return true
        case .unknown, .dropped, .error, .traced: return false
        }
    }
}
