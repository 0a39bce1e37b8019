import Foundation

/// Values computed before from byte strings, by the bytes: an open-addressing table (linear
/// probing), so a lookup is a hash and, mostly, one comparison of the bytes.
///
/// For the values that repeat across the lines of a file (namespaces, pod and node names, label
/// lists): each distinct one is built once instead of once per line. The table starts small and
/// doubles while it is more than half full, up to `maxSlots`; past that, new values are computed
/// and not kept, so memory stays bounded.
///
/// With a `hashedPrefix`, keys are hashed on their first bytes only, so that `stored(startingAt:)`
/// can tell whether a buffer starts with a stored key without knowing the key's length. Keys that
/// share their hashed prefix then share a hash: at most `maxSharingPrefix` of them are kept, each
/// of at most `maxPrefixKeyedLength` bytes, so that crafted input cannot make lookups long.
struct ByteKeyedCache<Value> {
    private struct Entry {
        let hash: UInt64
        let bytes: [UInt8]
        let value: Value
    }

    private var slots: [Entry?]
    private var mask: Int
    private var count = 0
    private let maxSlots: Int
    private let hashedPrefix: Int?

    static var maxSharingPrefix: Int { 64 }
    static var maxPrefixKeyedLength: Int { 4096 }

    /// - Parameters:
    ///   - maxSlots: a power of two; at most half of it holds values.
    ///   - hashedPrefix: how many leading bytes of a key are hashed; all when `nil`.
    init(maxSlots: Int = 256, hashedPrefix: Int? = nil) {
        let initial = min(64, maxSlots)
        self.slots = Array(repeating: nil, count: initial)
        self.mask = initial - 1
        self.maxSlots = maxSlots
        self.hashedPrefix = hashedPrefix
    }

    /// The value stored for `raw`, or `make(raw)`, stored if there is room, and returned.
    @inline(__always) mutating func value<Failure: Error>(
        _ raw: UnsafeRawBufferPointer, make: (UnsafeRawBufferPointer) throws(Failure) -> Value
    ) throws(Failure) -> Value {
        if let known = lookup(raw) { return known }
        let value = try make(raw)
        store(value, for: raw)
        return value
    }

    /// The value stored for `raw`.
    @inline(__always) func lookup(_ raw: UnsafeRawBufferPointer) -> Value? {
        let hash = keyHash(raw)
        var index = Int(truncatingIfNeeded: hash) & mask
        while let entry = slots[index] {
            if entry.hash == hash, Self.equal(entry.bytes, raw) { return entry.value }
            index = (index + 1) & mask
        }
        return nil
    }

    /// The length of the stored key that `buffer` starts with, and its value, if any (with a
    /// `hashedPrefix`).
    func stored(startingAt buffer: UnsafeRawBufferPointer) -> (length: Int, value: Value)? {
        guard let hashedPrefix, buffer.count >= hashedPrefix else { return nil }
        let hash = Self.hash(UnsafeRawBufferPointer(rebasing: buffer[..<hashedPrefix]))
        var index = Int(truncatingIfNeeded: hash) & mask
        while let entry = slots[index] {
            let length = entry.bytes.count
            if entry.hash == hash, length <= buffer.count, Self.equal(entry.bytes, UnsafeRawBufferPointer(rebasing: buffer[..<length])) {
                return (length, entry.value)
            }
            index = (index + 1) & mask
        }
        return nil
    }

    /// Stores `value` for `raw` (not stored yet) if there is room.
    mutating func store(_ value: Value, for raw: UnsafeRawBufferPointer) {
        if hashedPrefix != nil, raw.count > Self.maxPrefixKeyedLength { return }
        if (count + 1) * 2 > slots.count {
            guard slots.count < maxSlots else { return }
            grow()
        }
        let hash = keyHash(raw)
        var index = Int(truncatingIfNeeded: hash) & mask
        var sharing = 0
        while let entry = slots[index] {
            if entry.hash == hash {
                sharing += 1
                if hashedPrefix != nil, sharing >= Self.maxSharingPrefix { return }
            }
            index = (index + 1) & mask
        }
        slots[index] = Entry(hash: hash, bytes: [UInt8](raw), value: value)
        count += 1
    }

    @inline(__always) private func keyHash(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        guard let hashedPrefix, raw.count > hashedPrefix else { return Self.hash(raw) }
        return Self.hash(UnsafeRawBufferPointer(rebasing: raw[..<hashedPrefix]))
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: nil, count: old.count * 2)
        mask = slots.count - 1
        for case let entry? in old {
            var index = Int(truncatingIfNeeded: entry.hash) & mask
            while slots[index] != nil { index = (index + 1) & mask }
            slots[index] = entry
        }
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

    /// Whether `bytes` and `raw` hold the same bytes (`memcmp`: keys such as Hubble's side
    /// objects are hundreds of bytes long).
    @inline(__always) static func equal(_ bytes: [UInt8], _ raw: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count == raw.count else { return false }
        return bytes.withUnsafeBytes { stored in
            guard let left = stored.baseAddress, let right = raw.baseAddress else { return true }
            return memcmp(left, right, raw.count) == 0
        }
    }
}
