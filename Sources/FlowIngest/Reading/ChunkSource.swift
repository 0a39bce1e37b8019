import DenyscopeCore
import Foundation

/// Where `FlowReader` gets an input's bytes from, one chunk at a time: the file as stored
/// (`FileChunkSource`) or decompressed (`GzipChunkReader`).
protocol ChunkSource: AnyObject {
    /// The next chunk, never empty, or `nil` at the end of the input.
    func next() throws -> Data?
    /// After `next()` returned `nil`: the message of the one failure that stands for data lost
    /// at the end of the input (a cut gzip stream), or `nil` when the input ended cleanly.
    var truncation: String? { get }
}

/// The chunks of an open file or standard input, as stored.
final class FileChunkSource: ChunkSource {
    private let handle: FileHandle
    private let name: String
    private let chunkSize: Int
    /// Bytes handed out so far.
    private(set) var bytesRead = 0

    /// - Parameters:
    ///   - handle: the open input; the caller closes it.
    ///   - name: the input's name for errors (`<stdin>` for standard input).
    ///   - chunkSize: the most bytes one `next()` returns.
    init(handle: FileHandle, name: String, chunkSize: Int) {
        self.handle = handle
        self.name = name
        self.chunkSize = max(1, chunkSize)
    }

    var truncation: String? { nil }

    /// Reads with `read(2)` into an uninitialized buffer of the chunk's size:
    /// `FileHandle.read(upToCount:)` grows its buffer as it reads, and copying it again was 3 % of
    /// a Hubble scan's instructions (zero-filling a `Data` first would be as much).
    func next() throws -> Data? {
        guard let buffer = malloc(chunkSize) else {
            throw InputError(.unreadable, "out of memory for a \(chunkSize)-byte chunk", at: InputLocation(file: name))
        }
        var filled = 0
        var failure: Int32? = nil
        while filled < chunkSize {
            let count = read(handle.fileDescriptor, buffer + filled, chunkSize - filled)
            if count > 0 {
                filled += count
            } else if count == 0 {
                break
            } else if errno != EINTR {
                failure = errno
                break
            }
        }
        guard filled > 0 else {
            free(buffer)
            if let failure {
                throw InputError(.unreadable, "read error: \(String(cString: strerror(failure)))", at: InputLocation(file: name))
            }
            return nil
        }
        bytesRead += filled
        return Data(bytesNoCopy: buffer, count: filled, deallocator: .free)
    }
}
