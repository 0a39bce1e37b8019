import DenyscopeCore
import FlowIngest
import Testing

/// Checks that reading gives the same flows and stats however the input is cut into chunks:
/// whole, byte by byte, split in two at every offset, and in chunks of a few odd sizes
/// (after swift-nio's `ByteToMessageDecoderVerifier`).
func verifyChunkBoundaries(
    _ bytes: [UInt8], file: String, maxRecordLength: Int = 16 << 20, sourceLocation: SourceLocation = #_sourceLocation
) {
    let whole = ingestHubble(bytes, file: file, maxRecordLength: maxRecordLength)
    let byteByByte = ingestHubble(bytes, file: file, pieces: Array(repeating: 1, count: bytes.count), maxRecordLength: maxRecordLength)
    #expect(byteByByte == whole, "byte by byte differs", sourceLocation: sourceLocation)
    for split in 0...bytes.count {
        let halves = ingestHubble(bytes, file: file, pieces: [split], maxRecordLength: maxRecordLength)
        if halves != whole {
            Issue.record("split at offset \(split) differs", sourceLocation: sourceLocation)
            return
        }
    }
    for size in [2, 3, 7, 64, 1000] {
        let pieces = Array(repeating: size, count: bytes.count / size + 1)
        #expect(
            ingestHubble(bytes, file: file, pieces: pieces, maxRecordLength: maxRecordLength) == whole, "chunks of \(size) differ",
            sourceLocation: sourceLocation)
    }
}
