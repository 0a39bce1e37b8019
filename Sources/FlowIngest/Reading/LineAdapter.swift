import DenyscopeCore

/// An input format whose records are lines (Hubble JSON, Calico logs).
///
/// The adapter is shared by all threads; each block of lines gets its own `Parser`, which may
/// keep caches (interned labels, say) for the lines of that block.
public protocol LineAdapter: Sendable {
    associatedtype Parser: LineRecordParser
    /// A parser for one block of lines.
    func makeParser() -> Parser
}

/// Turns one line into a flow, a skip or a failure. Must not trap on any input.
public protocol LineRecordParser {
    /// - Parameters:
    ///   - line: the line without its newline (or trailing carriage return); never blank.
    ///   - location: the file and line, to store in the flow.
    mutating func parse(line: UnsafeRawBufferPointer, location: InputLocation) -> RecordOutcome
}
