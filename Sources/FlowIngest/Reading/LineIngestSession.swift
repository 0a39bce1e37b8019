import DenyscopeCore

/// Reads one line-oriented input pushed in chunks of any size, on the calling thread.
///
/// The result (flows and stats) is the same whether the input arrives whole, byte by byte, or
/// split anywhere: this is what the chunk-boundary tests check. `FlowReader` uses the same
/// pieces with parallel parsing.
public struct LineIngestSession<Adapter: LineAdapter>: Sendable {
    public let adapter: Adapter
    private var splitter: RecordSplitter
    private var sequencer: BlockSequencer

    /// - Parameters:
    ///   - file: the name to put in locations (`<stdin>` for standard input).
    ///   - maxRecordLength: the longest line accepted, in bytes.
    public init(adapter: Adapter, file: String, maxRecordLength: Int = 16 << 20) {
        self.adapter = adapter
        self.splitter = RecordSplitter(maxRecordLength: maxRecordLength)
        self.sequencer = BlockSequencer(file: file, maxRecordLength: splitter.maxRecordLength)
    }

    /// The accounting so far.
    public var stats: IngestStats { sequencer.stats }

    /// Takes the next chunk; returns the flows of the lines it completed, in order.
    public mutating func push(_ chunk: UnsafeRawBufferPointer) -> [Flow] {
        handle(splitter.push(chunk))
    }

    /// Takes the next chunk; returns the flows of the lines it completed, in order.
    public mutating func push(_ chunk: [UInt8]) -> [Flow] {
        chunk.withUnsafeBytes { push($0) }
    }

    /// Ends the input; returns the flows of its last, unterminated line.
    public mutating func finish() -> [Flow] {
        handle(splitter.finish())
    }

    private mutating func handle(_ pieces: [RecordSplitter.Piece]) -> [Flow] {
        var flows: [Flow] = []
        for piece in pieces {
            switch piece {
            case .lines(let block):
                let result = block.withUnsafeBytes {
                    adapter.parseBlock($0, file: sequencer.file, maxRecordLength: splitter.maxRecordLength)
                }
                flows.append(contentsOf: sequencer.accept(result))
            case .oversized(let length):
                sequencer.acceptOversized(length: length)
            }
        }
        return flows
    }
}
