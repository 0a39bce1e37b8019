import Foundation

/// A progress line on stderr while large inputs are read — records so far and their rate — shown
/// only when stderr is a terminal, redrawn at most twice a second, and cleared at the end.
struct Progress {
    private let enabled: Bool
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var lastDrawn: ContinuousClock.Instant
    private var records = 0

    init(enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.enabled = enabled
        start = clock.now
        lastDrawn = start
    }

    /// Counts `count` more records and redraws the line when half a second has passed.
    mutating func advance(by count: Int) {
        guard enabled else { return }
        records += count
        let now = clock.now
        guard now - lastDrawn >= .milliseconds(500) else { return }
        lastDrawn = now
        let elapsed = now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(records) / seconds : 0
        FileHandle.standardError.write(
            Data(String(format: "\rreading: %d records, %.0f k records/s, %.0f s ", records, rate / 1000, seconds).utf8))
    }

    /// Clears the line before the report is written.
    func finish() {
        guard enabled, lastDrawn != start else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
