import DenyscopeCore
import DenyscopeTestSupport
import FlowIngest
import Testing

/// Reads `bytes` with any line adapter, pushed in pieces of the given sizes (the rest in one piece).
func ingest<Adapter: LineAdapter>(
    _ adapter: Adapter, _ bytes: [UInt8], file: String = "test.log", pieces: [Int] = [], maxRecordLength: Int = 16 << 20
) -> IngestResult {
    var session = LineIngestSession(adapter: adapter, file: file, maxRecordLength: maxRecordLength)
    var flows: [Flow] = []
    var offset = 0
    for size in pieces where offset < bytes.count {
        let end = min(bytes.count, offset + size)
        flows += session.push(Array(bytes[offset..<end]))
        offset = end
    }
    if offset < bytes.count { flows += session.push(Array(bytes[offset...])) }
    flows += session.finish()
    return IngestResult(flows: flows, stats: session.stats)
}

/// Reads `fixtures/<relative>` with `adapter` in one piece, with the fixture's path as file name.
func ingestFixture<Adapter: LineAdapter>(_ adapter: Adapter, _ relative: String) throws -> IngestResult {
    ingest(adapter, try fixtureBytes(relative), file: Fixtures.path(relative))
}

/// The chunk-boundary check of `verifyChunkBoundaries(_:file:)` for any line adapter: whole,
/// byte by byte, split in two at every offset, and in chunks of a few odd sizes.
func verifyChunkBoundaries<Adapter: LineAdapter>(
    adapter: Adapter, _ bytes: [UInt8], file: String, maxRecordLength: Int = 16 << 20,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let whole = ingest(adapter, bytes, file: file, maxRecordLength: maxRecordLength)
    let byteByByte = ingest(adapter, bytes, file: file, pieces: Array(repeating: 1, count: bytes.count), maxRecordLength: maxRecordLength)
    #expect(byteByByte == whole, "byte by byte differs", sourceLocation: sourceLocation)
    for split in 0...bytes.count {
        if ingest(adapter, bytes, file: file, pieces: [split], maxRecordLength: maxRecordLength) != whole {
            Issue.record("split at offset \(split) differs", sourceLocation: sourceLocation)
            return
        }
    }
    for size in [2, 3, 7, 64, 1000] {
        let pieces = Array(repeating: size, count: bytes.count / size + 1)
        #expect(
            ingest(adapter, bytes, file: file, pieces: pieces, maxRecordLength: maxRecordLength) == whole, "chunks of \(size) differ",
            sourceLocation: sourceLocation)
    }
}
