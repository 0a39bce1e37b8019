import FlowIngest
import Testing

/// The byte-level JSON scanner: extraction by path, grammar checks, bounded depth.
struct JSONFieldScannerTests {
    static let scanner = JSONFieldScanner(
        paths: JSONFieldPaths(dotted: [("a", 0), ("b.c|cc", 1), ("b", 2), ("list", 3), ("n", 4), ("s", 5)]), maxDepth: 8)

    func scan(
        _ text: String, with scanner: JSONFieldScanner = Self.scanner,
        knownObject: (Int, UnsafeRawBufferPointer) -> Int? = { _, _ in nil }
    ) throws(JSONScanError) -> (slots: [JSONSpan?], bytes: [UInt8]) {
        let bytes = Array(text.utf8)
        var slots: [JSONSpan?] = []
        var failure: JSONScanError? = nil
        bytes.withUnsafeBytes { buffer in
            do throws(JSONScanError) {
                try scanner.scan(buffer, into: &slots, knownObject: knownObject)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return (slots, bytes)
    }

    func text(_ span: JSONSpan?, _ bytes: [UInt8]) -> String? {
        guard let span else { return nil }
        return bytes.withUnsafeBytes { span.string(in: $0) }
    }

    /// Should find requested fields at any depth, under either spelling, and skip the rest.
    @Test func extractsRequestedPaths() throws {
        let (slots, bytes) = try scan(#"{"x":{"a":9},"a":"top","b":{"zz":[1,{"c":2}],"cc":"deep"},"list":[1,2,3],"n":-12}"#)
        #expect(text(slots[0], bytes) == "top")
        #expect(text(slots[1], bytes) == "deep")
        #expect(slots[2]?.kind == .object)
        #expect(slots[3]?.kind == .array)
        #expect(bytes.withUnsafeBytes { slots[4]?.integer(in: $0) } == -12)
        let elements = try bytes.withUnsafeBytes { try Self.scanner.elements(of: slots[3]!, in: $0) }
        #expect(elements.count == 3)
    }

    /// Should tell keys apart that share their length and their first or last eight bytes, and
    /// find keys at the very end of the buffer (shorter than a word).
    @Test func matchesKeysByEveryByte() throws {
        let keys = ["k", "seven77", "eight888", "nine99999", "sixteen_16161616", "seventeen_1717171", "seventeen_1727171"]
        let scanner = JSONFieldScanner(paths: JSONFieldPaths(keys.enumerated().map { (path: [$0.element], slot: $0.offset) }))
        let decoys = ["seven78", "eight889", "nine99998", "xine99999", "sixteen_16161617", "seventeen_1737171", "kk"]
        // Decoys come last: a field that appears twice keeps its last value.
        let members = keys.map { #""\#($0)":"\#($0.count)""# } + decoys.map { #""\#($0)":"decoy""# }
        let (slots, bytes) = try scan("{" + members.joined(separator: ",") + "}", with: scanner)
        #expect(slots.map { text($0, bytes) } == keys.map { String($0.count) })
        // A one-byte key near the end of a buffer with no room for a word after it.
        let short = try scan(#"{"k":1}"#, with: scanner).slots
        #expect(short[0]?.kind == .number)
        #expect(short[1] == nil)
    }

    /// Should pass over an object the caller knows, leaving the slots inside it empty, and still
    /// check what follows; a length past the end of the buffer is not trusted.
    @Test func passesOverKnownObjects() throws {
        let json = #"{"b":{"c":1,"zz":[true]},"a":"x"}"#
        let known = #"{"c":1,"zz":[true]}"#.utf8.count
        let (slots, bytes) = try scan(json) { slot, rest in slot == 2 && rest.first == UInt8(ascii: "{") ? known : nil }
        let object = try #require(slots[2])
        #expect(bytes.withUnsafeBytes { String(decoding: object.rawBytes(in: $0), as: UTF8.self) } == #"{"c":1,"zz":[true]}"#)
        #expect(slots[1] == nil)
        #expect(text(slots[0], bytes) == "x")
        #expect(throws: JSONScanError.self) { try scan(#"{"b":{"c":1,"zz":[true]},"a":}"#) { _, _ in known } }
        let (walked, _) = try scan(json) { _, _ in 1_000 }
        #expect(walked[1]?.kind == .number)
    }

    /// Should decode escapes, including surrogate pairs, and leave lone surrogates replaced.
    @Test(arguments: [
        (#"{"s":"a\"b\\c\/d\n"}"#, "a\"b\\c/d\n"),
        (#"{"s":"caf\u00e9 \ud83d\ude00"}"#, "café 😀"),
        (#"{"s":"x\udc00y"}"#, "x\u{FFFD}y"),
        (#"{"s":"plain"}"#, "plain"),
    ])
    func decodesStrings(json: String, expected: String) throws {
        let (slots, bytes) = try scan(json)
        #expect(text(slots[5], bytes) == expected)
    }

    /// Should read 64-bit integers written as strings and reject fractions and overflow.
    @Test func readsIntegers() throws {
        let (slots, bytes) = try scan(#"{"s":"18446744073709551615","n":1.5}"#)
        bytes.withUnsafeBytes { buffer in
            #expect(slots[5]?.unsigned64(in: buffer) == UInt64.max)
            #expect(slots[5]?.integer(in: buffer) == nil)
            #expect(slots[4]?.integer(in: buffer) == nil)
        }
    }

    /// Should reject malformed JSON with the exact problem and column.
    @Test(arguments: [
        ("", "unexpected end of input, expected a JSON object at column 1"),
        ("[1]", "unexpected '[', expected a JSON object at column 1"),
        (#"{"a":1,}"#, "unexpected '}', expected a string key at column 8"),
        (#"{"a" 1}"#, "unexpected '1', expected ':' at column 6"),
        (#"{"a":01}"#, "unexpected '1', expected ',' or '}' at column 7"),
        (#"{"a":-}"#, "invalid number at column 6"),
        (#"{"a":1.}"#, "invalid number at column 6"),
        (#"{"a":tru}"#, "invalid literal at column 6"),
        (#"{"a":"x"#, "unterminated string at column 6"),
        (#"{"a":"\q"}"#, "invalid escape \\q at column 7"),
        (#"{"a":"\u12G4"}"#, "invalid \\u escape at column 7"),
        ("{\"a\":\"tab\there\"}", "control character byte 0x09 in string at column 10"),
        (#"{"a":[1 2]}"#, "unexpected '2', expected ',' or ']' at column 9"),
        (#"{"a":1} {"#, "unexpected '{', expected end of line after the object at column 9"),
        (#"{"a":[[[[[[[[[]]]]]]]]]}"#, "nesting deeper than 8 levels at column 13"),
    ])
    func rejectsMalformed(json: String, message: String) {
        do {
            _ = try scan(json)
            Issue.record("accepted \(json)")
        } catch {
            #expect(error.description == message)
        }
    }

    /// Should fail, not overflow the stack, on pathological nesting.
    @Test func boundsDeepNesting() {
        let deep = "{\"a\":" + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        #expect(throws: JSONScanError.self) { try scan(deep) }
    }
}
