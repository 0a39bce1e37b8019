import Foundation

/// Reads a file or stdin line by line in 1 MiB chunks, so memory stays bounded by the longest line.
final class LineReader {
    private let handle: FileHandle
    private var buffer = Data()
    private var atEnd = false
    private static let chunkSize = 1 << 20

    init(handle: FileHandle) {
        self.handle = handle
    }

    /// The next line without its `\n`; `nil` at the end of input.
    func next() throws -> Data? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[buffer.startIndex..<newline]
                buffer = buffer[(newline + 1)...]
                return Data(line)
            }
            if atEnd {
                guard !buffer.isEmpty else { return nil }
                defer { buffer = Data() }
                return Data(buffer)
            }
            let chunk = try handle.read(upToCount: Self.chunkSize) ?? Data()
            if chunk.isEmpty { atEnd = true } else { buffer.append(chunk) }
        }
    }
}
