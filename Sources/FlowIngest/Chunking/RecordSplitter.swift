/// Cuts a byte stream, arriving in chunks of any size, into blocks of whole lines.
///
/// A line that is not finished at the end of a chunk is carried into the next block. Memory is
/// bounded: a line longer than `maxRecordLength` is not buffered; its bytes are dropped and it is
/// reported as one `.oversized` piece when it ends, so a hostile line costs a counted failure, not
/// unbounded growth. Pieces come out in input order, and the concatenation of the blocks is the
/// input minus oversized lines, whatever the chunk sizes were.
public struct RecordSplitter: Sendable {
    /// One output of the splitter, in input order.
    public enum Piece: Hashable, Sendable {
        /// Whole lines, each ending in `\n` except, for the block `finish()` returns, the last.
        case lines([UInt8])
        /// A line longer than the limit, of `length` bytes (without its newline), dropped.
        case oversized(length: Int)
    }

    /// The longest line kept, in bytes (without its newline).
    public let maxRecordLength: Int
    private var pending: [UInt8] = []
    /// The length so far of an oversized line being dropped, or `nil`.
    private var dropping: Int? = nil
    /// The last byte dropped, to leave a carriage return out of the reported length.
    private var lastDropped: UInt8 = 0

    /// - Parameter maxRecordLength: default 16 MiB, far above real Hubble lines (which may pass
    ///   64 KiB, reference/hubble.md §8) and far below memory trouble.
    public init(maxRecordLength: Int = 16 << 20) {
        self.maxRecordLength = max(1, maxRecordLength)
    }

    /// Takes the next chunk and returns the pieces it completes.
    public mutating func push(_ chunk: UnsafeRawBufferPointer) -> [Piece] {
        var pieces: [Piece] = []
        var start = 0
        if let length = dropping {
            guard let newline = chunk.firstOffset(of: UInt8(ascii: "\n")) else {
                dropping = length + chunk.count
                if let last = chunk.last { lastDropped = last }
                return pieces
            }
            let lastByte = newline > 0 ? chunk[newline - 1] : lastDropped
            pieces.append(.oversized(length: lastByte == UInt8(ascii: "\r") ? length + newline - 1 : length + newline))
            dropping = nil
            start = newline + 1
        }
        let rest = UnsafeRawBufferPointer(rebasing: chunk[start...])
        guard let lastNewline = rest.lastOffset(of: UInt8(ascii: "\n")) else {
            pending.append(contentsOf: rest)
            startDroppingIfTooLong()
            return pieces
        }
        var block = pending
        pending = []
        block.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest[..<(lastNewline + 1)]))
        pieces.append(.lines(block))
        pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest[(lastNewline + 1)...]))
        startDroppingIfTooLong()
        return pieces
    }

    /// Ends the stream: returns the unterminated last line, or the oversized line in progress.
    public mutating func finish() -> [Piece] {
        defer {
            pending = []
            dropping = nil
        }
        if let length = dropping { return [.oversized(length: lastDropped == UInt8(ascii: "\r") ? length - 1 : length)] }
        return pending.isEmpty ? [] : [.lines(pending)]
    }

    /// Starts dropping once the unfinished line cannot fit the limit even without a trailing
    /// carriage return (so the verdict never depends on where the chunks were cut).
    private mutating func startDroppingIfTooLong() {
        guard pending.count > maxRecordLength + 1, let last = pending.last else { return }
        dropping = pending.count
        lastDropped = last
        pending = []
    }
}
