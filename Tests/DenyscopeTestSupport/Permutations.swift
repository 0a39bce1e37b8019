/// Every ordering of `items` (Heap's algorithm), for checking that a result does not depend on order.
///
/// - Complexity: O(n!) orderings; meant for the handful of policies of one table row.
public func permutations<Element>(_ items: [Element]) -> [[Element]] {
    var result: [[Element]] = []
    var working = items
    var counters = Array(repeating: 0, count: items.count)
    result.append(working)
    var index = 1
    while index < working.count {
        if counters[index] < index {
            working.swapAt(index % 2 == 0 ? 0 : counters[index], index)
            result.append(working)
            counters[index] += 1
            index = 1
        } else {
            counters[index] = 0
            index += 1
        }
    }
    return result
}
