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

    func next() throws -> Data? {
        do {
            guard let data = try handle.read(upToCount: chunkSize), !data.isEmpty else { return nil }
            bytesRead += data.count
            return data
        } catch {
            throw InputError(.unreadable, "read error: \(error.localizedDescription)", at: InputLocation(file: name))
        }
    }
}
