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
}
