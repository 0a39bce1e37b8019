/// The key trie of `JSONFieldPaths` laid out for lookup during a walk: each node's keys grouped
/// by length, each key's first eight bytes kept as one word.
///
/// Comparing a record's key against every key of its node, byte by byte, was a fifth of a Hubble
/// scan (a flow object has some thirty keys and the trie about forty spellings). Now only keys of
/// the same length are candidates, and one word comparison settles all but the longer ones.
struct JSONKeyIndex: Sendable {
    struct Entry: Sendable {
        /// The key's first eight bytes, little-endian, zero past its end.
        let prefix: UInt64
        /// Where the key's bytes past the eighth start in `tails`.
        let tailStart: Int32
        let slot: Int32
        let child: Int32
    }

    /// Keys longer than this are in no node, so a longer record key is no candidate.
    let maxLength: Int
    private let entries: [Entry]
    /// Entries of node `n` with length `l` are `entries[starts[n * (maxLength + 2) + l] ..< starts[… + l + 1]]`.
    private let starts: [Int32]
    private let tails: [UInt8]

    init(_ nodes: [JSONFieldPaths.Node]) {
        let maxLength = nodes.flatMap(\.edges).map(\.key.count).max() ?? 0
        var entries: [Entry] = []
        var starts: [Int32] = []
        var tails: [UInt8] = []
        for node in nodes {
            for length in 0...maxLength {
                starts.append(Int32(entries.count))
                for edge in node.edges where edge.key.count == length {
                    entries.append(
                        Entry(
                            prefix: Self.word(edge.key.prefix(8)), tailStart: Int32(tails.count), slot: Int32(edge.slot),
                            child: Int32(edge.child)))
                    tails.append(contentsOf: edge.key.dropFirst(8))
                }
            }
            starts.append(Int32(entries.count))
        }
        self.maxLength = maxLength
        self.entries = entries
        self.starts = starts
        self.tails = tails
    }

    /// Up to eight bytes as a little-endian word, zero past their end.
    private static func word(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var word: UInt64 = 0
        for (index, byte) in bytes.enumerated() { word |= UInt64(byte) << (8 * UInt64(index)) }
        return word
    }

    /// Calls `body` with a view of the index that a walk can read without reference counting.
    func withView<Result>(_ body: (View) throws(JSONScanError) -> Result) throws(JSONScanError) -> Result {
        try entries.withUnsafeBufferPointer { (entries) throws(JSONScanError) in
            try starts.withUnsafeBufferPointer { (starts) throws(JSONScanError) in
                try tails.withUnsafeBufferPointer { (tails) throws(JSONScanError) in
                    try body(View(maxLength: maxLength, entries: entries, starts: starts, tails: tails))
                }
            }
        }
    }

    struct View {
        let maxLength: Int
        let entries: UnsafeBufferPointer<Entry>
        let starts: UnsafeBufferPointer<Int32>
        let tails: UnsafeBufferPointer<UInt8>

        /// The entry of `node` whose key is the `length` bytes of `buffer` at `start`, if any.
        @inline(__always) func entry(node: Int, key start: Int, length: Int, in buffer: UnsafeRawBufferPointer) -> Entry? {
            guard length <= maxLength else { return nil }
            let base = node * (maxLength + 2) + length
            var candidate = Int(starts[base])
            let end = Int(starts[base + 1])
            guard candidate < end else { return nil }
            let prefix = Self.prefix(buffer, at: start, length: length)
            while candidate < end {
                let entry = entries[candidate]
                if entry.prefix == prefix, tailMatches(entry, buffer, at: start, length: length) { return entry }
                candidate += 1
            }
            return nil
        }

        @inline(__always) private func tailMatches(_ entry: Entry, _ buffer: UnsafeRawBufferPointer, at start: Int, length: Int) -> Bool {
            var offset = 8
            var tail = Int(entry.tailStart)
            while offset < length {
                guard buffer[start + offset] == tails[tail] else { return false }
                offset += 1
                tail += 1
            }
            return true
        }

        /// The first `min(length, 8)` bytes of `buffer` at `start` as a little-endian word.
        @inline(__always) private static func prefix(_ buffer: UnsafeRawBufferPointer, at start: Int, length: Int) -> UInt64 {
            if start + 8 <= buffer.count {
                let word = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: start, as: UInt64.self))
                return length >= 8 ? word : word & ((1 << (8 * UInt64(length))) - 1)
            }
            var word: UInt64 = 0
            for index in 0..<min(length, 8) { word |= UInt64(buffer[start + index]) << (8 * UInt64(index)) }
            return word
        }
    }
}
