/// A hash table from 128-bit keys to `UInt32` values: open addressing with linear probing and a
/// multiplicative hash, for the matcher's per-flow lookups (endpoints by address, decisions by
/// class pair), which spent a tenth of a run in `Dictionary` and SipHash. Keys come from the
/// input, but only to pick slots of a table the input cannot overflow: a crafted collision costs
/// time, never correctness.
struct PackedKeyTable {
    struct Key: Equatable {
        var high: UInt64
        var low: UInt64
    }

    private var keys: [Key]
    private var values: [UInt32]
    private var mask: Int
    private(set) var count = 0

    private static let empty = UInt32.max

    init() {
        keys = Array(repeating: Key(high: 0, low: 0), count: 1024)
        values = Array(repeating: Self.empty, count: 1024)
        mask = 1023
    }

    /// The value stored for `key`.
    func value(for key: Key) -> UInt32? {
        var slot = Self.slot(key, mask)
        while values[slot] != Self.empty {
            if keys[slot] == key { return values[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Stores `value` (not `UInt32.max`) for `key`, which is not in the table; grows at half full.
    mutating func insert(_ value: UInt32, for key: Key) {
        if (count + 1) * 2 > values.count { grow() }
        place(value, key)
        count += 1
    }

    mutating func removeAll() {
        for slot in values.indices { values[slot] = Self.empty }
        count = 0
    }

    private mutating func grow() {
        let (oldKeys, oldValues) = (keys, values)
        keys = Array(repeating: Key(high: 0, low: 0), count: oldKeys.count * 2)
        values = Array(repeating: Self.empty, count: oldValues.count * 2)
        mask = values.count - 1
        for slot in oldValues.indices where oldValues[slot] != Self.empty { place(oldValues[slot], oldKeys[slot]) }
    }

    private mutating func place(_ value: UInt32, _ key: Key) {
        var slot = Self.slot(key, mask)
        while values[slot] != Self.empty { slot = (slot + 1) & mask }
        keys[slot] = key
        values[slot] = value
    }

    @inline(__always) private static func slot(_ key: Key, _ mask: Int) -> Int {
        var hash = (key.high &* 0x9E37_79B9_7F4A_7C15) ^ (key.low &* 0xC2B2_AE3D_27D4_EB4F)
        hash ^= hash >> 31
        hash = hash &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 29
        return Int(truncatingIfNeeded: hash) & mask
    }
}
