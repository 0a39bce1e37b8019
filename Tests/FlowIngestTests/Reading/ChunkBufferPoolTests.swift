import Foundation
import Testing

@testable import FlowIngest

/// Chunk buffers go back to their pool when the chunk's `Data` is released.
struct ChunkBufferPoolTests {
    /// Should hand out a released chunk's buffer again, with the chunk's bytes intact until then.
    /// (`Data` copies chunks of up to 14 bytes into itself and gives the buffer back at once.)
    @Test func reusesReleasedBuffers() {
        let pool = ChunkBufferPool(size: 64, limit: 2)
        let buffer = pool.take()
        let text = Array("a chunk longer than Data keeps inline, cut here".utf8)
        buffer.copyMemory(from: text, byteCount: text.count)
        var chunk: Data? = pool.data(buffer, count: 38)
        #expect(chunk.map { String(decoding: $0, as: UTF8.self) } == "a chunk longer than Data keeps inline,")
        #expect(pool.take() != buffer)
        chunk = nil
        #expect(pool.take() == buffer)
    }

    /// Should keep at most `limit` idle buffers and free the others.
    @Test func keepsAtMostTheLimit() {
        let pool = ChunkBufferPool(size: 8, limit: 1)
        let first = pool.take()
        let second = pool.take()
        pool.giveBack(first)
        pool.giveBack(second)
        #expect(pool.take() == first)
        let fresh = pool.take()
        #expect(fresh != first)
        pool.giveBack(fresh)
        pool.giveBack(first)
    }

    /// Should read a file in full chunks however the bytes arrive, and end with `nil`.
    @Test func readsFullChunksFromAPipe() throws {
        let pipe = Pipe()
        let source = FileChunkSource(handle: pipe.fileHandleForReading, name: "<pipe>", chunkSize: 4)
        let writer = Thread {
            for piece in ["ab", "cde", "f", "ghij", "k"] {
                pipe.fileHandleForWriting.write(Data(piece.utf8))
                usleep(2_000)
            }
            try? pipe.fileHandleForWriting.close()
        }
        writer.start()
        var chunks: [String] = []
        while let chunk = try source.next() { chunks.append(String(decoding: chunk, as: UTF8.self)) }
        #expect(chunks == ["abcd", "efgh", "ijk"])
    }
}
