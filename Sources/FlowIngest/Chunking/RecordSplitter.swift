import Foundation

/// Cuts a byte stream, arriving in chunks of any size, into blocks of whole lines.
///
/// The lines that lie wholly in a chunk come out as one block that is a slice of the chunk, not a
/// copy; a line that is not finished at the end of a chunk is carried, and comes out as a block
/// of its own once the next chunk ends it. Memory is bounded: a line longer than
/// `maxRecordLength` is not buffered; its bytes are dropped and it is reported as one `.oversized`
/// piece when it ends, so a hostile line costs a counted failure, not unbounded growth. Pieces come
/// out in input order, and the concatenation of the blocks is the input minus oversized lines,
/// whatever the chunk sizes were.
public struct RecordSplitter: Sendable {
    /// One output of the splitter, in input order.
    public enum Piece: Hashable, Sendable {
        /// Whole lines, each ending in `\n` except, for the block `finish()` returns, the last.
        case lines(Data)
        /// A line longer than the limit, of `length` bytes (without its newline), dropped.
        case oversized(length: Int)
    }

    /// The longest line kept, in bytes (without its newline).
    public let maxRecordLength: Int
    private var pending = Data()
    /// The length so far of an oversized line being dropped, or `nil`.
    private var dropping: Int? = nil
    /// The last byte dropped, to leave a carriage return out of the reported length.
    private var lastDropped: UInt8 = 0

    /// - Parameter maxRecordLength: default 16 MiB, far above real Hubble lines (which may pass
    ///   64 KiB, reference/hubble.md §8) and far below memory trouble.
    public init(maxRecordLength: Int = 16 << 20) {
        self.maxRecordLength = max(1, maxRecordLength)
    }

    /// Takes the next chunk, copied, and returns the pieces it completes.
    public mutating func push(_ chunk: UnsafeRawBufferPointer) -> [Piece] {
        push(Data(chunk))
    }

    /// Takes the next chunk and returns the pieces it completes; blocks of its lines share its
    /// storage.
    public mutating func push(_ chunk: Data) -> [Piece] {
        var pieces: [Piece] = []
        let base = chunk.startIndex
        chunk.withUnsafeBytes { bytes in
            var start = 0
            if let length = dropping {
                guard let newline = bytes.firstOffset(of: UInt8(ascii: "\n")) else {
                    dropping = length + bytes.count
                    if let last = bytes.last { lastDropped = last }
                    return
                }
                let lastByte = newline > 0 ? bytes[newline - 1] : lastDropped
                pieces.append(.oversized(length: lastByte == UInt8(ascii: "\r") ? length + newline - 1 : length + newline))
                dropping = nil
                start = newline + 1
            }
            let rest = UnsafeRawBufferPointer(rebasing: bytes[start...])
            if !pending.isEmpty {
                guard let newline = rest.firstOffset(of: UInt8(ascii: "\n")) else {
                    pending.append(contentsOf: rest)
                    startDroppingIfTooLong()
                    return
                }
                pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest[...newline]))
                pieces.append(.lines(pending))
                pending = Data()
                start += newline + 1
            }
            let lines = UnsafeRawBufferPointer(rebasing: bytes[start...])
            guard let lastNewline = lines.lastOffset(of: UInt8(ascii: "\n")) else {
                pending.append(contentsOf: lines)
                startDroppingIfTooLong()
                return
            }
            pieces.append(.lines(chunk[(base + start)...(base + start + lastNewline)]))
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: lines[(lastNewline + 1)...]))
            startDroppingIfTooLong()
        }
        return pieces
    }

    /// Ends the stream: returns the unterminated last line, or the oversized line in progress.
    public mutating func finish() -> [Piece] {
        defer {
            pending = Data()
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
        pending = Data()
    }
}
