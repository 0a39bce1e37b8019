import Testing

@testable import Matcher

struct GroupIndexTests {
    static func key(_ number: Int) -> GroupTable.Key {
        GroupTable.Key(
            source: UInt32(number % 97), destination: UInt32(number / 97), proto: .tcp, port: UInt16(number % 5), decision: 0,
            agreement: .confirmed)
    }

    /// Should find every one of 5,000 groups after growing past its first 1,024 slots, and no other.
    @Test func findsEveryGroupAfterGrowing() {
        var keys: [GroupTable.Key] = []
        var index = GroupIndex()
        for number in 0..<5_000 {
            let key = Self.key(number)
            #expect(index.position(of: key) { keys[$0] } == nil)
            keys.append(key)
            index.insert(keys.count - 1, for: key) { keys[$0] }
        }
        let found = (0..<5_000).map { index.position(of: Self.key($0)) { keys[$0] } }
        #expect(found == Array(0..<5_000))
        #expect(index.position(of: Self.key(5_000)) { keys[$0] } == nil)
        index.removeAll()
        #expect(index.position(of: Self.key(0)) { keys[$0] } == nil)
    }

    /// Should keep a group's record at 64 bytes and an example's origin at 12, as the table's
    /// memory figures assume.
    @Test func recordsStayCompact() {
        #expect(MemoryLayout<GroupRecord>.stride == 64)
        #expect(MemoryLayout<Origin>.stride == 12)
    }
}
