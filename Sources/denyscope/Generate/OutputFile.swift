import Foundation

/// A file written through `FileHandle` with a bounded buffer, so a generator can stream millions
/// of records in constant memory.
final class OutputFile {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private static let flushSize = 1 << 20
    /// Bytes written so far (buffered ones included).
    private(set) var byteCount = 0

    /// Creates (or truncates) the file at `path`.
    /// - Throws: `GenerateError.cannotWrite` when the file cannot be created.
    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw GenerateError.cannotWrite(path)
        }
        self.handle = handle
        buffer.reserveCapacity(Self.flushSize + 4096)
    }

    /// Appends text.
    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        byteCount += text.utf8.count
        if buffer.count >= Self.flushSize { flush() }
    }

    /// Appends bytes.
    func write(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        byteCount += bytes.count
        if buffer.count >= Self.flushSize { flush() }
    }

    /// Writes the buffer out and closes the file.
    func close() throws {
        flush()
        try handle.close()
    }

    private func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
