/// Values numbered densely in the order first seen, so tables can hold a `UInt32` instead of the value.
struct Interner<Value: Hashable> {
    private(set) var values: [Value] = []
    private var ids: [Value: UInt32] = [:]

    /// The id of `value`, numbering it if it is new.
    mutating func id(_ value: Value) -> UInt32 {
        if let id = ids[value] { return id }
        let id = UInt32(values.count)
        values.append(value)
        ids[value] = id
        return id
    }

    subscript(id: UInt32) -> Value { values[Int(id)] }

    /// Each id's position when the values are sorted by `key` (computed once a value): comparing
    /// ranks compares values, without touching the values again.
    func ranks<Key: Comparable>(by key: (Value) -> Key) -> [Int] {
        let keys = values.map(key)
        var ranks = [Int](repeating: 0, count: values.count)
        for (rank, id) in keys.indices.sorted(by: { keys[$0] < keys[$1] }).enumerated() { ranks[id] = rank }
        return ranks
    }
}
