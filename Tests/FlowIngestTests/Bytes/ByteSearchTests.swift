import Testing

@testable import FlowIngest

struct ByteSearchTests {
    /// Should find the first of two bytes eight at a time and in the tail, wherever it falls
    /// in a word, and give the buffer's end when neither is there.
    @Test func findsTheFirstOfTwoBytes() {
        let text = Array("SRC=10.64.16.62 DST=10.64.17.129 PROTO=TCP".utf8)
        text.withUnsafeBytes { buffer in
            #expect(buffer.firstOffset(of: UInt8(ascii: "="), or: 0x20, from: 0) == 3)
            #expect(buffer.firstOffset(of: UInt8(ascii: "="), or: 0x20, from: 4) == 15)
            #expect(buffer.firstOffset(of: 0x20, or: 0x20, from: 20) == 32)
            #expect(buffer.firstOffset(of: UInt8(ascii: "T"), or: UInt8(ascii: "P"), from: 34) == 36)
            #expect(buffer.firstOffset(of: UInt8(ascii: "C"), or: UInt8(ascii: "C"), from: 37) == 40)
            #expect(buffer.firstOffset(of: UInt8(ascii: "#"), or: 0x00, from: 0) == text.count)
        }
        // Every position of a byte in a word, and a 0x01 byte after it, which a borrow could flag.
        for position in 0..<16 {
            var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 16)
            bytes[position] = 0x20
            if position + 1 < 16 { bytes[position + 1] = 0x21 }
            bytes.withUnsafeBytes { #expect($0.firstOffset(of: 0x20, or: 0x20, from: 0) == position) }
        }
    }
}
