/// What kind of policy denial a record reports, in the vocabulary of the JSON contract's `reason`.
public enum PolicyDenial: String, Hashable, Sendable, CaseIterable {
    /// No allow rule matched (Hubble `POLICY_DENIED`, 133): the engine should find a default deny.
    case defaultDeny = "default-deny"
    /// An explicit deny rule matched (Hubble `POLICY_DENY`, 181).
    case explicitDeny = "explicit-deny"
    /// A mutual-authentication requirement was not met (Hubble `AUTH_REQUIRED`, 189).
    case authRequired = "auth-required"
    /// An L7 rule refused the request (a dropped L7 flow; Hubble gives no drop reason for these).
    case l7Denied = "l7-denied"
    /// Denied (or, in audit mode, would be) by policy, without saying how: an `AUDIT` policy
    /// verdict without a drop reason, or a Calico `deny` action.
    case policy = "policy-denied"
    /// No rule of a Calico tier's selecting policies matched and the tier's default action denied
    /// it (a Calico flow-log trace entry with rule index `-1`, a Goldmane `EndOfTier` hit).
    case endOfTier = "end-of-tier"
}
