import DenyscopeCore
import DenyscopeTestSupport
import FlowIngest
import Foundation

/// The flows and stats of one input read through a `LineIngestSession`.
struct IngestResult: Equatable {
    var flows: [Flow]
    var stats: IngestStats

    /// Skipped counts by reason code, for compact expectations.
    var skips: [String: Int] {
        Dictionary(uniqueKeysWithValues: stats.skippedByReason.map { ($0.key.code, $0.value) })
    }
}

/// Reads `bytes` as Hubble JSON, pushed in pieces of the given sizes (the rest in one piece).
func ingestHubble(_ bytes: [UInt8], file: String = "test.jsonl", pieces: [Int] = [], maxRecordLength: Int = 16 << 20)
    -> IngestResult
{
    var session = LineIngestSession(adapter: HubbleJSONAdapter(), file: file, maxRecordLength: maxRecordLength)
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

/// Reads `text` as Hubble JSON in one piece.
func ingestHubble(_ text: String, file: String = "test.jsonl") -> IngestResult {
    ingestHubble(Array(text.utf8), file: file)
}

/// The bytes of `fixtures/<relative>`.
func fixtureBytes(_ relative: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path(relative))))
}

/// Reads `fixtures/<relative>` as Hubble JSON in one piece, with the fixture's path as file name.
func ingestHubbleFixture(_ relative: String) throws -> IngestResult {
    ingestHubble(try fixtureBytes(relative), file: Fixtures.path(relative))
}
