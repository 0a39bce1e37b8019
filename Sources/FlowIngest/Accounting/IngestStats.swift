import DenyscopeCore

/// The accounting of one ingest run: every record read ends as parsed, skipped (with a reason) or
/// failed, and `parsed + skipped + failed == records` always holds.
///
/// Stats merge (`merge(_:)`) so that chunks read in parallel can be counted apart and added up in
/// input order; merging in order gives the same value as counting the whole input at once.
public struct IngestStats: Hashable, Sendable, CustomStringConvertible {
    /// How many failures keep their location and message (DESIGN.md §4: the first 100).
    public static let failureLimit = 100

    /// Records read: lines holding something other than whitespace, or packets.
    public private(set) var records = 0
    /// Records that became flows.
    public private(set) var parsed = 0
    /// Skipped records by reason.
    public private(set) var skippedByReason: [SkipReason: Int] = [:]
    /// Malformed records.
    public private(set) var failed = 0
    /// The first `failureLimit` failures, in input order.
    public private(set) var failures: [InputError] = []
    /// Events the producer said it lost before writing (Hubble `lost_events` notices).
    public private(set) var eventsLostUpstream = 0

    public init() {}

    /// All skipped records.
    public var skipped: Int { skippedByReason.values.reduce(0, +) }

    /// Whether the books balance; true unless there is a bug.
    public var isBalanced: Bool { parsed + skipped + failed == records }

    /// Counts one record that became a flow.
    public mutating func countParsed() {
        records += 1
        parsed += 1
    }

    /// Counts one skipped record.
    public mutating func countSkipped(_ reason: SkipReason, lostEvents: Int = 0) {
        records += 1
        skippedByReason[reason, default: 0] += 1
        eventsLostUpstream += lostEvents
    }

    /// Counts one failed record, keeping its error while fewer than `failureLimit` are kept.
    public mutating func countFailed(_ error: InputError) {
        records += 1
        failed += 1
        if failures.count < Self.failureLimit { failures.append(error) }
    }

    /// Counts `outcome` for the record at `location`.
    public mutating func count(_ outcome: RecordOutcome, at location: InputLocation) {
        switch outcome {
        case .parsed: countParsed()
        case .skipped(let reason, let lost): countSkipped(reason, lostEvents: lost)
        case .failed(let code, let message): countFailed(InputError(code, message, at: location))
        }
    }

    /// Adds `other`, which counted input that comes after this one's.
    public mutating func merge(_ other: IngestStats) {
        records += other.records
        parsed += other.parsed
        failed += other.failed
        eventsLostUpstream += other.eventsLostUpstream
        for (reason, count) in other.skippedByReason { skippedByReason[reason, default: 0] += count }
        failures.append(contentsOf: other.failures.prefix(Self.failureLimit - failures.count))
    }

    /// The same stats with every failure's line moved down by `lines` (for chunks counted with
    /// line numbers relative to their own start).
    func shiftingLines(by lines: Int) -> IngestStats {
        guard lines != 0, !failures.isEmpty else { return self }
        var copy = self
        copy.failures = failures.map { failure in
            var location = failure.location
            location.line = location.line.map { $0 + lines }
            return InputError(failure.code, failure.message, at: location)
        }
        return copy
    }

    /// `12 records: 9 parsed, 2 skipped (lost_events 1, agent_event 1), 1 failed`.
    public var description: String {
        var text = "\(records) records: \(parsed) parsed, \(skipped) skipped"
        if !skippedByReason.isEmpty {
            text += " (" + skippedByReason.sorted { $0.key < $1.key }.map { "\($0.key.code) \($0.value)" }.joined(separator: ", ") + ")"
        }
        return text + ", \(failed) failed"
    }
}
