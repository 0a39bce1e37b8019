import Foundation

/// Chunk-sized buffers kept for the next chunks once their `Data` is released, so that the kernel
/// copies a file's bytes into memory that is already mapped. A buffer freed after each chunk went
/// back to the system and its pages were faulted in again by the next read: the kernel's copy
/// then took a sixth of a run. At most `limit` buffers wait here.
final class ChunkBufferPool: @unchecked Sendable {
    /// The size of every buffer.
    let size: Int
    private var idle: [UnsafeMutableRawPointer] = []
    private let limit: Int
    private let lock = NSLock()

    init(size: Int, limit: Int) {
        self.size = size
        self.limit = limit
    }

    deinit {
        for buffer in idle { buffer.deallocate() }
    }

    /// A buffer of `size` bytes, uninitialized: one given back, or a new one.
    func take() -> UnsafeMutableRawPointer {
        lock.lock()
        let reused = idle.popLast()
        lock.unlock()
        return reused ?? UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
    }

    /// Keeps `buffer` for a later chunk, or frees it when the pool is full.
    func giveBack(_ buffer: UnsafeMutableRawPointer) {
        lock.lock()
        let kept = idle.count < limit
        if kept { idle.append(buffer) }
        lock.unlock()
        if !kept { buffer.deallocate() }
    }

    /// `count` bytes of `buffer` as `Data` that gives the buffer back when released.
    func data(_ buffer: UnsafeMutableRawPointer, count: Int) -> Data {
        Data(bytesNoCopy: buffer, count: count, deallocator: .custom { [self] pointer, _ in giveBack(pointer) })
    }
}
