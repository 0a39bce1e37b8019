import Testing

@testable import FlowIngest

struct ByteKeyedCacheTests {
    /// Counts how often `cache` computes a value over `keys`.
    static func computations(_ cache: inout ByteKeyedCache<Int>, _ keys: [String]) -> Int {
        var count = 0
        for key in keys {
            let bytes = Array(key.utf8)
            let value = bytes.withUnsafeBytes { raw in
                cache.value(raw) { _ in
                    count += 1
                    return key.count
                }
            }
            #expect(value == key.count)
        }
        return count
    }

    /// Should grow while more than half full, so a second pass over 1,500 distinct keys only hits;
    /// a table held at 256 slots keeps 128 values and computes the rest every time.
    @Test func growsUpToItsBound() {
        let keys = (0..<1_500).map { "k8s:app=service-\($0)" }
        var growing = ByteKeyedCache<Int>(maxSlots: 8192)
        #expect(Self.computations(&growing, keys) == 1_500)
        #expect(Self.computations(&growing, keys) == 0)
        var bounded = ByteKeyedCache<Int>(maxSlots: 256)
        #expect(Self.computations(&bounded, keys) == 1_500)
        #expect(Self.computations(&bounded, keys) == 1_500 - 128)
    }

    /// Should tell apart keys of equal length and hash prefix that differ in any one byte (a key
    /// of 0 to 600 bytes, changed at its first, middle and last byte), and find the key itself.
    @Test func comparesEveryByte() {
        var cache = ByteKeyedCache<Int>(maxSlots: 4096, hashedPrefix: 32)
        for length in [0, 1, 7, 8, 31, 33, 64, 599] {
            let key = (0..<length).map { UInt8(truncatingIfNeeded: 0x41 + $0 % 26) }
            key.withUnsafeBytes { cache.store(length, for: $0) }
            #expect(key.withUnsafeBytes { cache.lookup($0) } == length)
            for position in Set([0, length / 2, length - 1]) where position >= 0 && length > 0 {
                var changed = key
                changed[position] ^= 0x20
                #expect(changed.withUnsafeBytes { cache.lookup($0) } == nil)
            }
        }
    }

    /// Keyed on a 32-byte prefix, the cache should find a stored key at the start of a longer
    /// buffer (never a key shorter than the prefix), and keep at most 64 keys sharing a prefix.
    @Test func findsStoredKeysByTheirStart() {
        var cache = ByteKeyedCache<Int>(maxSlots: 8192, hashedPrefix: 32)
        func store(_ key: String) { Array(key.utf8).withUnsafeBytes { cache.store(key.count, for: $0) } }
        func found(_ text: String) -> Int? {
            let stored = Array(text.utf8).withUnsafeBytes { cache.stored(startingAt: $0) }
            if let stored { #expect(stored.value == stored.length) }
            return stored?.length
        }
        let shared = String(repeating: "p", count: 32)
        let keys = (0..<100).map { "\(shared)-\($0)}" }
        keys.forEach(store)
        store("{short}")
        #expect(found(keys[0] + ",\"next\":1}") == keys[0].utf8.count)
        #expect(found(keys[63] + "}") == keys[63].utf8.count)
        #expect(found(keys[64] + "}") == nil)
        #expect(found(shared + "-1000}") == nil)
        #expect(found("{short},\"padding to thirty-two bytes\"") == nil)
        #expect(Array("{short}".utf8).withUnsafeBytes { cache.lookup($0) } == 7)
    }
}
