import Testing

@testable import Matcher

struct GroupOrderTests {
    /// Should pick the same positions as a stable sort's prefix: larger values first, equal
    /// values in position order.
    @Test(arguments: [0, 1, 3, 8, 12, 40])
    func firstIsTheStableSortPrefix(limit: Int) {
        let values = [5, 1, 9, 5, 5, 0, 9, 2, 7, 5, 1, 9, 3, 3, 8]
        let precedes = { (left: Int, right: Int) in values[left] > values[right] }
        let expected = Array(values.indices.sorted(by: precedes).prefix(limit))
        #expect(GroupTable.first(limit, of: values.indices, by: precedes) == expected)
    }

    /// Should keep, among equal values, the earliest positions.
    @Test func keepsTheEarliestOfEqualValues() {
        let values = [4, 4, 4, 4, 6, 4]
        #expect(GroupTable.first(3, of: values.indices, by: { values[$0] > values[$1] }) == [4, 0, 1])
    }
}
