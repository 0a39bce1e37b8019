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

    private static func start(_ key: GroupTable.Key, _ mask: Int) -> Int {
        var hasher = Hasher()
        hasher.combine(key)
        return hasher.finalize() & mask
    }
}
