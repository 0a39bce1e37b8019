/// Values computed before from byte strings, by the bytes: a direct-mapped table, so a lookup is
/// a hash, one slot and one comparison of the bytes (a collision only costs a recomputation).
///
/// For the values that repeat across the lines of a block (namespaces, pod and node names, label
/// lists): each distinct one is built once per block instead of once per line.
struct ByteKeyedCache<Value> {
    private struct Entry {
        let bytes: [UInt8]
        let value: Value
    }

    private var slots: [Entry?]
    private let mask: Int

    /// - Parameter slots: a power of two.
    init(slots: Int = 256) {
        self.slots = Array(repeating: nil, count: slots)
        self.mask = slots - 1
    }

    /// The value stored for `raw`, or `make(raw)` stored and returned.
    @inline(__always) mutating func value<Failure: Error>(
        _ raw: UnsafeRawBufferPointer, make: (UnsafeRawBufferPointer) throws(Failure) -> Value
    ) throws(Failure) -> Value {
        let index = Int(truncatingIfNeeded: Self.hash(raw)) & mask
        if let entry = slots[index], Self.equal(entry.bytes, raw) { return entry.value }
        let value = try make(raw)
        slots[index] = Entry(bytes: [UInt8](raw), value: value)
        return value
    }

    /// A 64-bit hash of the bytes, eight at a time.
    static func hash(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(raw.count)
        var offset = 0
        while offset + 8 <= raw.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            offset += 8
        }
        while offset < raw.count {
            hash = (hash ^ UInt64(raw[offset])) &* 0xC4CE_B9FE_1A85_EC53
            offset += 1
        }
        return hash ^ (hash >> 29)
    }

    /// Whether `bytes` and `raw` hold the same bytes.
    @inline(__always) static func equal(_ bytes: [UInt8], _ raw: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count == raw.count else { return false }
        return bytes.withUnsafeBytes { stored in
            var offset = 0
            while offset + 8 <= raw.count {
                guard
                    stored.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                        == raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                else { return false }
                offset += 8
            }
            while offset < raw.count {
                guard stored[offset] == raw[offset] else { return false }
                offset += 1
            }
            return true
        }
    }
}
