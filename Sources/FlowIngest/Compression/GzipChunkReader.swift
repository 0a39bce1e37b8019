import DenyscopeCore
import Foundation

/// The decompressed chunks of a gzip input, pulled one at a time, with bounded memory.
///
/// Memory is one compressed chunk (as the underlying source returns it), one output chunk of at
/// most `chunkSize` bytes, and zlib's 32 KiB window, however large the file or however well it
/// compresses (a 4 MiB chunk of a gzip bomb still yields 4 MiB at a time).
///
/// - Concatenated members (`cat a.gz b.gz`, logrotate) are read one after the other, as `gzip -d`
///   does.
/// - Corrupt data throws `InputError` (`unreadable`):
///   `flows.jsonl.gz: gzip data is corrupt at byte 1234: invalid block type`, where the byte is
///   the offset in the compressed file that zlib had read when it found the error. The data
///   inflated before the damage is returned first; the call after it throws.
/// - Input that ends inside a member is not an error here: `next()` returns the data inflated so
///   far, then `nil`, and `truncation` holds
///   `gzip data is truncated at byte N: unexpected end of file` for the reader to count as one
///   failure at the end of the records.
///
/// ```swift
/// let gzip = try GzipChunkReader(file: name, source: fileSource, chunkSize: 4 << 20)
/// while let chunk = try gzip.next() { … }
/// if let truncation = gzip.truncation { … }
/// ```
final class GzipChunkReader: ChunkSource {
    private let file: String
    private let chunkSize: Int
    private let source: () throws -> Data?
    private let inflater: GzipInflater
    /// The compressed chunk being inflated, and how much of it is consumed.
    private var input = Data()
    private var inputOffset = 0
    /// Compressed bytes consumed by zlib so far, over all chunks.
    private(set) var compressedOffset = 0
    /// Whether a member has started and not ended.
    private var insideMember = false
    /// Whether the last member ended and another may follow.
    private var betweenMembers = false
    private var ended = false
    /// A corrupt-data error found after some output of the same chunk; thrown by the next call,
    /// so that the records before the damage are still read.
    private var pendingError: InputError?
    private(set) var truncation: String?

    /// - Parameters:
    ///   - file: the input's name for errors.
    ///   - first: compressed bytes already read from the start of the input (for sniffing).
    ///   - source: the rest of the compressed input, chunk by chunk.
    ///   - chunkSize: the most decompressed bytes one `next()` returns.
    /// - Throws: `InputError` when zlib cannot start.
    init(file: String, first: Data = Data(), source: @escaping () throws -> Data?, chunkSize: Int) throws {
        self.file = file
        self.chunkSize = max(1, chunkSize)
        self.source = source
        self.input = first
        do {
            inflater = try GzipInflater()
        } catch {
            throw InputError(.unreadable, "cannot decompress gzip data: \(error.message)", at: InputLocation(file: file))
        }
    }

    /// The next decompressed chunk (at most `chunkSize` bytes, never empty), or `nil` at the end.
    ///
    /// - Throws: `InputError` for corrupt data, or the source's own read errors.
    func next() throws -> Data? {
        if let pendingError {
            self.pendingError = nil
            ended = true
            throw pendingError
        }
        guard !ended else { return nil }
        var output = Data(count: chunkSize)
        var produced = 0
        while produced < chunkSize {
            if inputOffset == input.count {
                guard let more = try source() else {
                    ended = true
                    if insideMember { truncation = "gzip data is truncated at byte \(compressedOffset): unexpected end of file" }
                    break
                }
                input = more
                inputOffset = 0
                continue
            }
            if betweenMembers {
                try wrap { () throws(GzipInflater.Failure) in try inflater.startNextMember() }
                betweenMembers = false
            }
            insideMember = true
            let offset = inputOffset
            let written = produced
            let result = input.withUnsafeBytes { inputBytes in
                output.withUnsafeMutableBytes { outputBytes in
                    Result { () throws(GzipInflater.Failure) in
                        try inflater.inflate(
                            UnsafeRawBufferPointer(rebasing: inputBytes[offset...]),
                            into: UnsafeMutableRawBufferPointer(rebasing: outputBytes[written...]))
                    }
                }
            }
            let step: GzipInflater.Step
            switch result {
            case .success(let success):
                step = success
            case .failure(let failure):
                let error = corrupt(failure)
                // Hand out what was inflated before the damage; throw on the next call.
                produced += failure.produced
                guard produced > 0 else { throw error }
                pendingError = error
                output.count = produced
                return output
            }
            inputOffset += step.consumed
            compressedOffset += step.consumed
            produced += step.produced
            if step.stop == .memberEnded {
                insideMember = false
                betweenMembers = true
            }
        }
        guard produced > 0 else { return nil }
        output.count = produced
        return output
    }

    /// Runs a zlib step, turning its failure into a located `InputError`.
    private func wrap<T>(_ body: () throws(GzipInflater.Failure) -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw corrupt(error)
        }
    }

    /// The located error for a zlib failure in the call that started at `compressedOffset`.
    private func corrupt(_ failure: GzipInflater.Failure) -> InputError {
        InputError(
            .unreadable, "gzip data is corrupt at byte \(compressedOffset + failure.consumed): \(failure.message)",
            at: InputLocation(file: file))
    }
}
