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

    /// Each id's position when the values are sorted by `areInIncreasingOrder`: comparing ranks
    /// compares values, without touching the values again.
    func ranks(by areInIncreasingOrder: (Value, Value) -> Bool) -> [Int] {
        var ranks = [Int](repeating: 0, count: values.count)
        for (rank, id) in values.indices.sorted(by: { areInIncreasingOrder(values[$0], values[$1]) }).enumerated() { ranks[id] = rank }
        return ranks
    }
}
