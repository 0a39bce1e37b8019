import CZlib

/// One zlib inflate stream that reads gzip members, with a fixed-size window (32 KiB) whatever
/// the input size.
///
/// The stream is set up with `inflateInit2(…, 15 + 32)`: a 32 KiB window and automatic detection
/// of the gzip header. `inflate(_:into:)` never keeps a pointer to the caller's buffers after it
/// returns, so callers may hand it pieces of any `Data` or array. At the end of each gzip member
/// it stops with `.memberEnded`; `startNextMember()` readies it for the next member of a
/// multi-member file (`cat a.gz b.gz`, logrotate's `delaycompress` output).
///
/// - Warning: not thread-safe; one inflater per input.
final class GzipInflater {
    /// Why `inflate(_:into:)` stopped.
    enum Stop: Equatable {
        /// Every input byte was consumed; more input is needed to go on.
        case needsInput
        /// The output buffer is full.
        case outputFull
        /// The current gzip member ended (its CRC and length checked).
        case memberEnded
    }

    /// What one `inflate(_:into:)` call did.
    struct Step: Equatable {
        /// Input bytes consumed.
        var consumed: Int
        /// Output bytes written at the start of the output buffer.
        var produced: Int
        var stop: Stop
    }

    /// zlib keeps a pointer back to its `z_stream`, so the stream lives at a fixed heap address.
    private let stream: UnsafeMutablePointer<z_stream>

    /// - Throws: `GzipInflater.Failure` when zlib cannot set up a stream (out of memory).
    init() throws(Failure) {
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = inflateInit2_(stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw Failure(message: "cannot start zlib (status \(status))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// A zlib error: the message zlib gave (`invalid block type`, `incorrect data check`, …).
    struct Failure: Error, Equatable {
        var message: String
        /// Input bytes zlib had consumed in the failing call when it found the error.
        var consumed = 0
        /// Output bytes written in the failing call before the error (valid as far as zlib knew).
        var produced = 0
    }

    /// Inflates from `input` into `output` until the input is used up, the output is full, or
    /// the current member ends.
    ///
    /// - Throws: `Failure` with zlib's message when the data is not valid gzip.
    func inflate(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(Failure) -> Step {
        guard let outputBase = output.baseAddress, !output.isEmpty else { return Step(consumed: 0, produced: 0, stop: .outputFull) }
        guard let inputBase = input.baseAddress, !input.isEmpty else { return Step(consumed: 0, produced: 0, stop: .needsInput) }
        let inputCount = UInt32(clamping: input.count)
        let outputCount = UInt32(clamping: output.count)
        // zlib's `next_in` is not const-qualified, but inflate only reads through it.
        stream.pointee.next_in = UnsafeMutablePointer(mutating: inputBase.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = inputCount
        stream.pointee.next_out = outputBase.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = outputCount
        let status = CZlib.inflate(stream, Z_NO_FLUSH)
        let consumed = Int(inputCount - stream.pointee.avail_in)
        let produced = Int(outputCount - stream.pointee.avail_out)
        let message = status == Z_OK || status == Z_STREAM_END ? "" : lastMessage(status)
        stream.pointee.next_in = nil
        stream.pointee.avail_in = 0
        stream.pointee.next_out = nil
        stream.pointee.avail_out = 0
        switch status {
        case Z_STREAM_END:
            return Step(consumed: consumed, produced: produced, stop: .memberEnded)
        case Z_OK, Z_BUF_ERROR:
            if consumed == 0, produced == 0 { throw Failure(message: "no progress possible", consumed: 0) }
            return Step(consumed: consumed, produced: produced, stop: consumed == input.count ? .needsInput : .outputFull)
        default:
            throw Failure(message: message, consumed: consumed, produced: produced)
        }
    }

    /// Readies the stream for the next gzip member, after `.memberEnded`.
    func startNextMember() throws(Failure) {
        let status = inflateReset(stream)
        guard status == Z_OK else { throw Failure(message: lastMessage(status)) }
    }

    /// zlib's message for the last error, or a description of `status` when it gave none.
    private func lastMessage(_ status: Int32) -> String {
        if let message = stream.pointee.msg { return String(cString: message) }
        switch status {
        case Z_NEED_DICT: return "a preset dictionary is needed"
        case Z_MEM_ERROR: return "out of memory"
        case Z_BUF_ERROR: return "no progress possible"
        default: return "zlib status \(status)"
        }
    }
}
