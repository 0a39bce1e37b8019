import DenyscopeCore

/// Puts parsed blocks back in input order: absolute line numbers, accounting, attempt counting.
struct BlockSequencer: Sendable {
    let file: String
    let maxRecordLength: Int
    private(set) var stats = IngestStats()
    private var linesSoFar = 0
    private var attempts = AttemptCounter()

    init(file: String, maxRecordLength: Int) {
        self.file = file
        self.maxRecordLength = maxRecordLength
    }

    /// Takes the next block's result and returns its flows, ready for the consumer.
    mutating func accept(_ result: consuming LineBlockResult) -> [Flow] {
        // Taken out of the result, so that the flows are changed in place, not copied.
        var flows: [Flow] = []
        swap(&flows, &result.flows)
        let base = linesSoFar
        flows.withUnsafeMutableBufferPointer { flows in
            for index in flows.indices {
                if base != 0, let line = flows[index].location.line { flows[index].location.line = line + base }
                attempts.count(&flows[index])
            }
        }
        stats.merge(result.stats.shiftingLines(by: base))
        linesSoFar += result.lineCount
        return flows
    }

    /// Counts the next line as oversized.
    mutating func acceptOversized(length: Int) {
        linesSoFar += 1
        stats.countFailed(oversizedError(length: length, limit: maxRecordLength, at: InputLocation(file: file, line: linesSoFar)))
    }

    /// Counts the data lost at the end of a cut input (a truncated gzip stream) as one failure
    /// on the line after the last whole one, in place of the incomplete last line.
    mutating func acceptTruncation(_ message: String) {
        linesSoFar += 1
        stats.countFailed(InputError(.unreadable, message, at: InputLocation(file: file, line: linesSoFar)))
    }
}
