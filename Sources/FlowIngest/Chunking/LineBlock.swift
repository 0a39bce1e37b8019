import DenyscopeCore

/// Parses a block of whole lines with a line adapter; the unit of work that runs in parallel.
///
/// Line numbers in the result are relative to the block (the first line is 1); `BlockSequencer`
/// moves them to their place in the file.
struct LineBlockResult: Sendable {
    var flows: [Flow] = []
    var stats = IngestStats()
    /// Lines in the block, blank ones included.
    var lineCount = 0
}

extension LineAdapter {
    /// Parses every line of `block` with a fresh record parser.
    func parseBlock(_ block: UnsafeRawBufferPointer, file: String, maxRecordLength: Int) -> LineBlockResult {
        var parser = makeParser()
        return parseBlock(block, file: file, maxRecordLength: maxRecordLength, with: &parser)
    }

    /// Parses every line of `block` with `parser`, whose caches may come from earlier blocks.
    func parseBlock(_ block: UnsafeRawBufferPointer, file: String, maxRecordLength: Int, with parser: inout Parser) -> LineBlockResult {
        var buffer: [Flow] = []
        return parseBlock(block, file: file, maxRecordLength: maxRecordLength, with: &parser, reusing: &buffer)
    }

    /// Parses every line of `block` with `parser` into the storage of `buffer`, an empty array
    /// taken over by the result.
    func parseBlock(
        _ block: UnsafeRawBufferPointer, file: String, maxRecordLength: Int, with parser: inout Parser, reusing buffer: inout [Flow]
    ) -> LineBlockResult {
        var result = LineBlockResult()
        swap(&result.flows, &buffer)
        var lineStart = 0
        var lineNumber = 0
        while lineStart < block.count {
            lineNumber += 1
            var lineEnd = block.count
            var next = block.count
            if let newline = block.firstOffset(of: UInt8(ascii: "\n"), from: lineStart) {
                lineEnd = newline
                next = lineEnd + 1
            }
            if lineEnd > lineStart, block[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            let line = UnsafeRawBufferPointer(rebasing: block[lineStart..<lineEnd])
            lineStart = next
            guard !isBlank(line) else { continue }
            let location = InputLocation(file: file, line: lineNumber)
            if line.count > maxRecordLength {
                result.stats.countFailed(oversizedError(length: line.count, limit: maxRecordLength, at: location))
                continue
            }
            let outcome = parser.parse(line: line, location: location)
            result.stats.count(outcome, at: location)
            if case .parsed(let flow) = consume outcome { result.flows.append(flow) }
        }
        result.lineCount = lineNumber
        return result
    }
}

/// The failure for a line longer than the limit.
func oversizedError(length: Int, limit: Int, at location: InputLocation) -> InputError {
    InputError(.syntax, "record of \(length) bytes is longer than the limit of \(limit) bytes", at: location)
}

private func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
    for byte in line where byte != 0x20 && byte != 0x09 && byte != 0x0D { return false }
    return true
}
