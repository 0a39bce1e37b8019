import Foundation

/// Fast byte searches over raw buffers (the C library's `memchr` scans many bytes per step).
extension UnsafeRawBufferPointer {
    /// The offset of the first `byte` at or after `start`, or `nil`.
    @inline(__always) func firstOffset(of byte: UInt8, from start: Int = 0) -> Int? {
        guard start < count, let base = baseAddress else { return nil }
        guard let found = memchr(base + start, Int32(byte), count - start) else { return nil }
        return UnsafeRawPointer(found) - base
    }

    /// The offset of the last `byte`, or `nil`. Searches backwards: a chunk's last newline is
    /// near its end.
    @inline(__always) func lastOffset(of byte: UInt8) -> Int? {
        var offset = count - 1
        while offset >= 0 {
            if self[offset] == byte { return offset }
            offset -= 1
        }
        return nil
    }
}
