/// Walks one JSON object in a byte buffer and records where the requested fields' values are,
/// without building any objects.
///
/// Every value is checked against the JSON grammar (RFC 8259) as it is passed over, so that a
/// malformed line is reported, not half-read: the scanner throws a `JSONScanError` with the byte
/// offset, and never traps. Nesting is bounded by `maxDepth` and the walk's recursion is bounded
/// by it too, so deep input cannot overflow the stack. Strings are not decoded here; see
/// `JSONFieldScanner.string(_:in:)`. Invalid UTF-8 inside strings is not rejected (decoding
/// replaces it with U+FFFD).
///
/// - Complexity: O(n) in the number of bytes of the object, one pass.
public struct JSONFieldScanner: Sendable {
    /// The fields to extract.
    public let paths: JSONFieldPaths
    /// The deepest nesting of objects and arrays accepted; deeper input is an error.
    public let maxDepth: Int

    public init(paths: JSONFieldPaths, maxDepth: Int = 64) {
        self.paths = paths
        self.maxDepth = maxDepth
    }

    /// Scans the object in `buffer[range]` (default: all of it), which must hold exactly one JSON
    /// object and optional whitespace, and stores each requested field's span in its slot.
    ///
    /// - Parameter slots: resized to `paths.slotCount` and reset to `nil` before scanning; a
    ///   field that appears more than once keeps its last value.
    /// - Throws: `JSONScanError` for malformed JSON, a value that is not an object, or nesting
    ///   deeper than `maxDepth`.
    public func scan(
        _ buffer: UnsafeRawBufferPointer, range: Range<Int>? = nil, into slots: inout [JSONSpan?]
    ) throws(JSONScanError) {
        try scan(buffer, range: range, into: &slots) { _, _ in nil }
    }

    /// `scan(_:range:into:)`, passing over objects read before: where the value of a requested
    /// field is an object, `knownObject(slot, rest)` may return the length of an object that the
    /// rest of the buffer starts with, known to be valid JSON. That object is not walked again
    /// (its slot gets its span, the slots inside it stay `nil`), so its nesting was checked where
    /// it was first read.
    public func scan(
        _ buffer: UnsafeRawBufferPointer, range: Range<Int>? = nil, into slots: inout [JSONSpan?],
        knownObject: (_ slot: Int, _ rest: UnsafeRawBufferPointer) -> Int?
    ) throws(JSONScanError) {
        if slots.count != paths.slotCount {
            slots = Array(repeating: nil, count: paths.slotCount)
        } else {
            for index in slots.indices { slots[index] = nil }
        }
        let bounds = range ?? 0..<buffer.count
        guard bounds.lowerBound >= 0, bounds.upperBound <= buffer.count else {
            throw JSONScanError("range outside the buffer", at: 0)
        }
        var walker = JSONWalker(buffer: buffer, index: bounds.lowerBound, limit: bounds.upperBound, maxDepth: maxDepth)
        try paths.keys.withView { (keys) throws(JSONScanError) in
            try slots.withUnsafeMutableBufferPointer { (output) throws(JSONScanError) in
                try walker.topLevelObject(keys: keys, slots: output, knownObject: knownObject)
            }
        }
    }

    /// The spans of the elements of the array at `span` (which must come from a scan of `buffer`).
    ///
    /// - Throws: `JSONScanError` when `span` is not an array or the array is malformed.
    public func elements(of span: JSONSpan, in buffer: UnsafeRawBufferPointer) throws(JSONScanError) -> [JSONSpan] {
        guard span.kind == .array, span.start >= 0, span.end <= buffer.count else {
            throw JSONScanError("expected an array", at: span.start)
        }
        var walker = JSONWalker(buffer: buffer, index: span.start, limit: span.end, maxDepth: maxDepth)
        var result: [JSONSpan] = []
        _ = try walker.array(depth: 1) { result.append($0) }
        return result
    }

    /// The keys and value spans of the object at `span`, in order.
    ///
    /// - Throws: `JSONScanError` when `span` is not an object or the object is malformed.
    public func members(
        of span: JSONSpan, in buffer: UnsafeRawBufferPointer
    ) throws(JSONScanError) -> [(key: JSONSpan, value: JSONSpan)] {
        var result: [(key: JSONSpan, value: JSONSpan)] = []
        try forEachMember(of: span, in: buffer) { key, value in result.append((key, value)) }
        return result
    }

    /// Calls `body` with the key and value span of each member of the object at `span`, in order,
    /// without collecting them.
    ///
    /// - Throws: `JSONScanError` when `span` is not an object or the object is malformed.
    public func forEachMember(
        of span: JSONSpan, in buffer: UnsafeRawBufferPointer, _ body: (_ key: JSONSpan, _ value: JSONSpan) -> Void
    ) throws(JSONScanError) {
        guard span.kind == .object, span.start >= 0, span.end <= buffer.count else {
            throw JSONScanError("expected an object", at: span.start)
        }
        var walker = JSONWalker(buffer: buffer, index: span.start, limit: span.end, maxDepth: maxDepth)
        _ = try walker.object(depth: 1, body)
    }
}
