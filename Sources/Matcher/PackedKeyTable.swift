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

    /// A key with its value side by side, so that a probe touches one cache line, not one in
    /// an array of keys and another in an array of values.
    private struct Slot {
        var key: Key
        var value: UInt32
    }

    private var slots: [Slot]
    private var mask: Int
    private(set) var count = 0

    private static let empty = Slot(key: Key(high: 0, low: 0), value: UInt32.max)

    init() {
        slots = Array(repeating: Self.empty, count: 1024)
        mask = 1023
    }

    /// The value stored for `key`.
    func value(for key: Key) -> UInt32? {
        var index = Self.slot(key, mask)
        while slots[index].value != Self.empty.value {
            if slots[index].key == key { return slots[index].value }
            index = (index + 1) & mask
        }
        return nil
    }

    /// Stores `value` (not `UInt32.max`) for `key`, which is not in the table; grows at half full.
    mutating func insert(_ value: UInt32, for key: Key) {
        if (count + 1) * 2 > slots.count { grow() }
        place(Slot(key: key, value: value))
        count += 1
    }

    mutating func removeAll() {
        for index in slots.indices { slots[index].value = Self.empty.value }
        count = 0
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Self.empty, count: old.count * 2)
        mask = slots.count - 1
        for slot in old where slot.value != Self.empty.value { place(slot) }
    }

    private mutating func place(_ slot: Slot) {
        var index = Self.slot(slot.key, mask)
        while slots[index].value != Self.empty.value { index = (index + 1) & mask }
        slots[index] = slot
    }

    @inline(__always) private static func slot(_ key: Key, _ mask: Int) -> Int {
        var hash = (key.high &* 0x9E37_79B9_7F4A_7C15) ^ (key.low &* 0xC2B2_AE3D_27D4_EB4F)
        hash ^= hash >> 31
        hash = hash &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 29
        return Int(truncatingIfNeeded: hash) & mask
    }
}
