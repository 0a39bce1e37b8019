import DenyscopeCore
import DenyscopeTestSupport
import Foundation
import Testing

@testable import FlowIngest

/// Streaming gzip decompression, independent of any flow format.
struct GzipChunkReaderTests {
    /// Decompresses `compressed` fed in source chunks of `sourceSize` bytes, into output chunks
    /// of at most `chunkSize` bytes; returns the bytes, the chunk sizes and the truncation.
    func inflate(_ compressed: [UInt8], sourceSize: Int, chunkSize: Int) throws -> (bytes: [UInt8], sizes: [Int], truncation: String?) {
        var offset = 0
        let reader = try GzipChunkReader(
            file: "test.gz",
            source: {
                guard offset < compressed.count else { return nil }
                let end = min(compressed.count, offset + sourceSize)
                defer { offset = end }
                return Data(compressed[offset..<end])
            }, chunkSize: chunkSize)
        var bytes: [UInt8] = []
        var sizes: [Int] = []
        while let chunk = try reader.next() {
            bytes += chunk
            sizes.append(chunk.count)
        }
        #expect(try reader.next() == nil)
        return (bytes, sizes, reader.truncation)
    }

    /// Should give the original bytes whatever the compressed and decompressed chunk sizes, and
    /// never a decompressed chunk larger than asked for.
    @Test(arguments: [(1, 1), (1, 4096), (7, 13), (4096, 1), (4096, 100), (1 << 20, 1 << 20)])
    func inflatesInAnyChunking(sourceSize: Int, chunkSize: Int) throws {
        let plain = try fixtureBytes("flows/hubble/policy-verdict-drop-pair.jsonl")
        let result = try inflate(
            try fixtureBytes("flows/gzip/policy-verdict-drop-pair.jsonl.gz"), sourceSize: sourceSize, chunkSize: chunkSize)
        #expect(result.bytes == plain)
        #expect(result.sizes.allSatisfy { $0 > 0 && $0 <= chunkSize })
        #expect(result.truncation == nil)
    }

    /// Should read every member of a multi-member file, one after the other (`cat a.gz b.gz`).
    @Test(arguments: [1, 5, 4096])
    func readsConcatenatedMembers(sourceSize: Int) throws {
        let plain = try fixtureBytes("flows/hubble/events-log-mixed.jsonl")
        let result = try inflate(
            try fixtureBytes("flows/gzip/events-log-mixed.two-members.jsonl.gz"), sourceSize: sourceSize, chunkSize: 64)
        #expect(result.bytes == plain)
        // And a file made of the same member twice.
        let member = try fixtureBytes("flows/gzip/log-syslog-rfc3164.log.gz")
        let twice = try inflate(member + member, sourceSize: sourceSize, chunkSize: 100)
        let text = try fixtureBytes("flows/calico/log-syslog-rfc3164.log")
        #expect(twice.bytes == text + text)
    }

    /// Should return what it could inflate of a cut stream, then report the cut, without throwing.
    @Test(arguments: [1, 3, 4096])
    func reportsTruncation(sourceSize: Int) throws {
        let compressed = try fixtureBytes("bad/gzip/truncated.jsonl.gz")
        let plain = try fixtureBytes("flows/hubble/policy-verdict-drop-pair.jsonl")
        let result = try inflate(compressed, sourceSize: sourceSize, chunkSize: 4096)
        #expect(result.truncation == "gzip data is truncated at byte 780: unexpected end of file")
        #expect(!result.bytes.isEmpty && Array(plain.prefix(result.bytes.count)) == result.bytes)
    }

    /// Should hand out the data inflated before the damage, then throw on the next call.
    @Test func handsOutDataBeforeCorruption() throws {
        let compressed = try fixtureBytes("bad/gzip/corrupt-checksum.jsonl.gz")
        let plain = try fixtureBytes("flows/hubble/policy-verdict-drop-pair.jsonl")
        let reader = try GzipChunkReader(file: "test.gz", first: Data(compressed), source: { nil }, chunkSize: 1 << 20)
        let first = try #require(try reader.next())
        #expect(Array(first.prefix(100)) == Array(plain.prefix(100)))
        #expect {
            _ = try reader.next()
        } throws: { error in
            (error as? InputError)?.description == "test.gz: gzip data is corrupt at byte 859: incorrect data check"
        }
        #expect(try reader.next() == nil)
    }

    /// Should throw a located error for corrupt data.
    @Test func reportsCorruption() throws {
        let compressed = try fixtureBytes("bad/gzip/corrupt-checksum.jsonl.gz")
        #expect {
            _ = try inflate(compressed, sourceSize: 4096, chunkSize: 1 << 20)
        } throws: { error in
            (error as? InputError)?.description == "test.gz: gzip data is corrupt at byte 859: incorrect data check"
        }
    }

    /// Should not mistake data after a complete member for another member.
    @Test func rejectsTrailingGarbage() throws {
        let member = try fixtureBytes("flows/gzip/log-syslog-rfc3164.log.gz")
        #expect {
            _ = try inflate(member + Array("garbage\n".utf8), sourceSize: 4096, chunkSize: 4096)
        } throws: { error in
            (error as? InputError)?.description == "test.gz: gzip data is corrupt at byte \(member.count + 2): incorrect header check"
        }
    }
}
