/// An append-only array kept in chunks of 65,536 elements: growing never copies what is there
/// (a doubling `Array` of a few hundred megabytes holds the old and the new buffer at once).
struct ChunkedArray<Element> {
    private var chunks: [[Element]] = []
    private(set) var count = 0

    private static var shift: Int { 16 }
    private static var chunkMask: Int { (1 << shift) - 1 }

    var indices: Range<Int> { 0..<count }
    var isEmpty: Bool { count == 0 }

    @inline(__always)
    subscript(index: Int) -> Element {
        get { chunks[index >> Self.shift][index & Self.chunkMask] }
        _modify { yield &chunks[index >> Self.shift][index & Self.chunkMask] }
    }

    mutating func append(_ element: Element) {
        if count >> Self.shift == chunks.count {
            var chunk: [Element] = []
            chunk.reserveCapacity(1 << Self.shift)
            chunks.append(chunk)
        }
        chunks[count >> Self.shift].append(element)
        count += 1
    }

    /// Removes the last `n` elements, freeing chunks left empty.
    mutating func removeLast(_ n: Int) {
        var remaining = n
        while remaining > 0 {
            let last = chunks.count - 1
            let removed = min(remaining, chunks[last].count)
            chunks[last].removeLast(removed)
            if chunks[last].isEmpty, last > 0 { chunks.removeLast() }
            remaining -= removed
            count -= removed
        }
    }

    /// Removes every element, keeping the first chunk's storage.
    mutating func removeAll() {
        if !chunks.isEmpty {
            chunks.removeLast(chunks.count - 1)
            chunks[0].removeAll(keepingCapacity: true)
        }
        count = 0
    }
}
