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
///
/// Each chunk is read with `read(2)` into a pooled buffer of the chunk size. `FileHandle`'s
/// `read(upToCount:)` read 4 KiB a call into a buffer it grew by copying, to a size the allocator
/// maps afresh: 240 system calls, a copy and a new mapping a chunk.
final class FileChunkSource: ChunkSource {
    private let handle: FileHandle
    private let name: String
    private let buffers: ChunkBufferPool

    /// - Parameters:
    ///   - handle: the open input; the caller closes it.
    ///   - name: the input's name for errors (`<stdin>` for standard input).
    ///   - chunkSize: the most bytes one `next()` returns.
    ///   - chunksInUse: how many chunks the reader holds at once at most; as many buffers are
    ///     kept for reuse.
    init(handle: FileHandle, name: String, chunkSize: Int, chunksInUse: Int = 3) {
        self.handle = handle
        self.name = name
        self.buffers = ChunkBufferPool(size: max(1, chunkSize), limit: chunksInUse)
    }

    var truncation: String? { nil }

    /// A chunk as full as the input allows: short reads (pipes, terminals) are read on from until
    /// the chunk is full or the input ends.
    func next() throws -> Data? {
        let buffer = buffers.take()
        var filled = 0
        var failure: Int32? = nil
        while filled < buffers.size {
            let count = read(handle.fileDescriptor, buffer + filled, buffers.size - filled)
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
            buffers.giveBack(buffer)
            if let failure {
                throw InputError(.unreadable, "read error: \(String(cString: strerror(failure)))", at: InputLocation(file: name))
            }
            return nil
        }
        return buffers.data(buffer, count: filled)
    }
}
