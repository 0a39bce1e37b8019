import DenyscopeCore
import FlowIngest
import Testing

/// Accounting that balances and merges in input order.
struct IngestStatsTests {
    func failure(_ line: Int) -> InputError {
        InputError(.syntax, "bad", at: InputLocation(file: "f", line: line))
    }

    /// Should keep `parsed + skipped + failed == records` and the first 100 failures in order.
    @Test func mergesInOrder() {
        var first = IngestStats()
        var second = IngestStats()
        for line in 1...80 { first.countFailed(failure(line)) }
        first.countParsed()
        second.countSkipped(.lostEvents, lostEvents: 7)
        for line in 81...130 { second.countFailed(failure(line)) }
        var whole = IngestStats()
        for line in 1...80 { whole.countFailed(failure(line)) }
        whole.countParsed()
        whole.countSkipped(.lostEvents, lostEvents: 7)
        for line in 81...130 { whole.countFailed(failure(line)) }

        first.merge(second)
        #expect(first == whole)
        #expect(first.isBalanced)
        #expect(first.records == 132)
        #expect(first.failed == 130)
        #expect(first.failures.count == 100)
        #expect(first.failures.last?.location.line == 100)
        #expect(first.eventsLostUpstream == 7)
        #expect(first.description == "132 records: 1 parsed, 1 skipped (lost_events 1), 130 failed")
    }
}
