import DenyscopeCore

/// What an adapter made of one record: a flow, a skip with its reason, or a failure.
public enum RecordOutcome: Sendable {
    /// The record became a flow.
    case parsed(Flow)
    /// The record is well-formed but not a flow; `lostEvents` is how many events the producer
    /// reported lost, for `lost_events` notices.
    case skipped(SkipReason, lostEvents: Int = 0)
    /// The record is malformed: what was wrong, for a message after its location.
    case failed(InputError.Code, String)
}
