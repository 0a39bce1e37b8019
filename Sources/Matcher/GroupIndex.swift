/// Finds a group's position by its key without storing the key twice: an open-addressing table
/// (linear probing, at most half full) of positions into the records, which hold the keys.
/// Four bytes a slot, where a dictionary from key to position took about forty a group.
struct GroupIndex {
    private var slots: [Int32]
    private var mask: Int
    private var count = 0

    private static let empty: Int32 = -1

    init() {
        slots = Array(repeating: Self.empty, count: 1024)
        mask = slots.count - 1
    }

    /// The position whose key is `key`, reading keys through `keyAt`.
    func position(of key: GroupTable.Key, keyAt: (Int) -> GroupTable.Key) -> Int? {
        var slot = Self.start(key, mask)
        while slots[slot] != Self.empty {
            let position = Int(slots[slot])
            if keyAt(position) == key { return position }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Records that the group at `position` has `key` (not yet present), growing as needed.
    mutating func insert(_ position: Int, for key: GroupTable.Key, keyAt: (Int) -> GroupTable.Key) {
        if (count + 1) * 2 > slots.count {
            let old = slots
            slots = Array(repeating: Self.empty, count: old.count * 2)
            mask = slots.count - 1
            for stored in old where stored != Self.empty { place(stored, Self.start(keyAt(Int(stored)), mask)) }
        }
        place(Int32(position), Self.start(key, mask))
        count += 1
    }

    mutating func removeAll() {
        for slot in slots.indices { slots[slot] = Self.empty }
        count = 0
    }

    private mutating func place(_ position: Int32, _ start: Int) {
        var slot = start
        while slots[slot] != Self.empty { slot = (slot + 1) & mask }
        slots[slot] = position
    }

    /// A multiplicative hash of the endpoints, port and decision (SipHash through `Hasher` was 2 %
    /// of a run); protocol and agreement are left to the comparison, a handful of groups at most
    /// share the rest.
    private static func start(_ key: GroupTable.Key, _ mask: Int) -> Int {
        let port = key.port.map { 1 << 16 | UInt64($0) } ?? 0
        var hash = (UInt64(key.source) << 32 | UInt64(key.destination)) &* 0x9E37_79B9_7F4A_7C15
        hash ^= (UInt64(key.decision) << 32 | port) &* 0xC2B2_AE3D_27D4_EB4F
        hash ^= hash >> 31
        hash = hash &* 0xFF51_AFD7_ED55_8CCD
        return Int(truncatingIfNeeded: hash ^ hash >> 29) & mask
    }
}
