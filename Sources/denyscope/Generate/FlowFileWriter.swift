/// Writes generated attempts in one input format.
protocol FlowFileWriter {
    /// Writes the records of one attempt.
    mutating func write(_ attempt: GeneratedAttempt) throws
    /// Finishes the file.
    mutating func close() throws
}
