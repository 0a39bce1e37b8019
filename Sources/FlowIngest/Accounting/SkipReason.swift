/// Why a record was read but not turned into a flow. Skips are expected, counted, and never errors.
///
/// A reason is a stable code (the key of `summary.skippedByReason` in reports) and a sentence.
public struct SkipReason: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The stable code, e.g. `lost_events`.
    public let code: String
    /// What the record was, for people: `a Hubble lost-events notice`.
    public let explanation: String

    public init(code: String, explanation: String) {
        self.code = code
        self.explanation = explanation
    }

    public var description: String { code }

    public static func < (lhs: SkipReason, rhs: SkipReason) -> Bool { lhs.code < rhs.code }

    // Hubble exporter / `hubble observe` lines that are not flows (reference/hubble.md §2).

    /// `{"agent_event":…}`: an agent notification (policy or endpoint update, start-up).
    public static let agentEvent = SkipReason(code: "agent_event", explanation: "a Hubble agent event, not a flow")
    /// `{"debug_event":…}`: a data-path debug message.
    public static let debugEvent = SkipReason(code: "debug_event", explanation: "a Hubble debug event, not a flow")
    /// `{"lost_events":…}`: the producer lost events (ring buffer overrun); the number is in
    /// `IngestStats.eventsLostUpstream`.
    public static let lostEvents = SkipReason(code: "lost_events", explanation: "a Hubble lost-events notice, not a flow")
    /// `{"node_status":…}`: Hubble Relay's node connection status.
    public static let nodeStatus = SkipReason(code: "node_status", explanation: "a Hubble Relay node status, not a flow")
    /// A well-formed JSON object that is none of the known record kinds.
    public static let notAFlowEvent = SkipReason(code: "not_a_flow_event", explanation: "a JSON object that is not a flow event")
}
