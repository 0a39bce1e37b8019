import FlowIngest
import Foundation
import Testing

/// Cutting a byte stream into blocks of whole lines, with bounded memory.
struct RecordSplitterTests {
    func split(_ text: String, pieces: [Int], limit: Int = 100) -> [RecordSplitter.Piece] {
        var splitter = RecordSplitter(maxRecordLength: limit)
        let bytes = Array(text.utf8)
        var output: [RecordSplitter.Piece] = []
        var offset = 0
        for size in pieces + [bytes.count] where offset < bytes.count {
            let end = min(bytes.count, offset + size)
            output += Array(bytes[offset..<end]).withUnsafeBytes { splitter.push($0) }
            offset = end
        }
        return output + splitter.finish()
    }

    func lines(_ pieces: [RecordSplitter.Piece]) -> String {
        pieces.map {
            switch $0 {
            case .lines(let bytes): return String(decoding: bytes, as: UTF8.self)
            case .oversized(let length): return "<\(length)>"
            }
        }.joined()
    }

    /// Should carry an unfinished line into the next block and return the last line at the end.
    @Test func carriesPartialLines() {
        #expect(split("ab\ncd\nef", pieces: [4]) == [.lines(Data("ab\n".utf8)), .lines(Data("cd\n".utf8)), .lines(Data("ef".utf8))])
    }

    /// Should pass the lines that lie in a chunk as a slice of it, and a line carried over from
    /// the previous chunk as a block of its own.
    @Test func blocksAreSlicesOfTheirChunk() {
        var splitter = RecordSplitter()
        let chunk = Data("first line of the chunk\nsecond line of the chunk\nthi".utf8)
        let pieces = splitter.push(chunk)
        #expect(pieces == [.lines(Data("first line of the chunk\nsecond line of the chunk\n".utf8))])
        if case .lines(let block)? = pieces.first {
            #expect(block.withUnsafeBytes(\.baseAddress) == chunk.withUnsafeBytes(\.baseAddress))
        }
        let next = splitter.push(Data("rd line\nfourth line, the last whole one\nfif".utf8))
        #expect(next == [.lines(Data("third line\n".utf8)), .lines(Data("fourth line, the last whole one\n".utf8))])
        #expect(splitter.finish() == [.lines(Data("fif".utf8))])
    }

    /// Should give the same text whatever the chunk sizes.
    @Test(arguments: [[1], [2, 2, 2], [5], [100]])
    func chunkSizesDoNotMatter(pieces: [Int]) {
        let text = "one\ntwo\r\n\nthree\nfour"
        #expect(lines(split(text, pieces: Array(repeating: pieces[0], count: 40))) == text)
    }

    /// Should drop a line longer than the limit, report its length, and go on.
    @Test(arguments: [1, 3, 7, 1000])
    func dropsOversizedLines(chunk: Int) {
        let text = "ok\n" + String(repeating: "x", count: 25) + "\r\nafter\n" + String(repeating: "y", count: 30)
        let pieces = split(text, pieces: Array(repeating: chunk, count: 100), limit: 10)
        // Long lines caught by the splitter come as `.oversized`; one that fits a chunk is left
        // for the line parser, which applies the same limit.
        let rendered = lines(pieces)
        #expect(rendered.hasPrefix("ok\n"))
        #expect(rendered.contains("after\n"))
        if chunk < 10 {
            #expect(rendered == "ok\n<25>after\n<30>")
        }
    }
}
