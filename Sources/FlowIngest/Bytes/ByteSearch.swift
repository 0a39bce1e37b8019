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

    /// The offset of the first byte at or after `start` that is `byte` or `other`, or `count`.
    /// Eight bytes a step, in the machine's registers: the words of a kernel log line are too
    /// short for a `memchr` call to pay.
    @inline(__always) func firstOffset(of byte: UInt8, or other: UInt8, from start: Int) -> Int {
        var index = start
        while index + 8 <= count {
            let word = UInt64(littleEndian: loadUnaligned(fromByteOffset: index, as: UInt64.self))
            let found = WordSearch.bytes(equalTo: byte, in: word) | WordSearch.bytes(equalTo: other, in: word)
            if found != 0 { return index + found.trailingZeroBitCount >> 3 }
            index += 8
        }
        while index < count, self[index] != byte, self[index] != other { index += 1 }
        return index
    }
}

/// Searches within a 64-bit word: the bytes of a little-endian load, all compared at once.
enum WordSearch {
    /// The high bit of each byte of `word` that may equal `byte`: zero when none does, and the
    /// lowest bit set marks the first such byte exactly (a borrow can only flag bytes above a
    /// true one).
    @inline(__always) static func bytes(equalTo byte: UInt8, in word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let difference = word ^ (ones &* UInt64(byte))
        return (difference &- ones) & ~difference & (ones &* 0x80)
    }
}
