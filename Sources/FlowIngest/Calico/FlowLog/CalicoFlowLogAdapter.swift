import DenyscopeCore

/// Reads Calico flow logs (`--input-format calico-flowlog`), one JSON object per line:
/// Calico Enterprise / Cloud `flows.log` (every aggregation level; traces of all three string
/// generations), the OSS Goldmane emitter's NDJSON (`{"Key":{…},…}`, enums as numbers),
/// Whisker `FlowResponse` objects (`jq -c '.items[]'` of a list response), and Whisker's
/// `watch=true` event stream, whose `data: {…}` lines are read and whose other SSE lines are
/// skipped (`sse_field`) — reference/calico-logs.md §5, §6.3, §6.5, §6.7, §7.
///
/// A Whisker list response (`{"total":…,"items":[…]}`) holds many flows in one line; records
/// here are lines, so the line is skipped (`whisker_list_response`) and its explanation says to
/// extract the items first (§6.7 recipe 1). Pretty-printed JSON spread over lines is not
/// supported: each line fails as invalid JSON. A JSON object without an `action` is skipped
/// (`not_a_flow_log`).
///
/// What a record proves (DESIGN.md §5): `action` is the verdict; the enforced trace names the
/// deciding policy (rule `-1`: the end-of-tier deny of the tier, with Goldmane's `trigger`
/// policy); the pending trace is marked `isPending`. See `CalicoFlowLogRecord.flow(location:)`.
public struct CalicoFlowLogAdapter: LineAdapter {
    public init() {}

    public func makeParser() -> CalicoFlowLogLineParser { CalicoFlowLogLineParser() }
}

/// Parses one flow-log line at a time; created per block of lines.
public struct CalicoFlowLogLineParser: LineRecordParser {
    var slots: [JSONSpan?] = []

    public init() {}

    public mutating func parse(line: UnsafeRawBufferPointer, location: InputLocation) -> RecordOutcome {
        var start = 0
        while start < line.count, line[start] == 0x20 || line[start] == 0x09 { start += 1 }
        var body = line.slice(start..<line.count)
        if body.matches("data:", at: 0) {
            body = body.slice((body.matches("data: ", at: 0) ? 6 : 5)..<body.count)
        } else if body.first != UInt8(ascii: "{"), let colon = body.firstIndex(of: UInt8(ascii: ":")),
            ["event", "id", "retry", ""].contains(String(decoding: body.slice(0..<colon), as: UTF8.self))
        {
            return .skipped(.sseField)
        }
        do {
            try CalicoFlowLogField.scanner.scan(body, into: &slots)
        } catch {
            return .failed(.syntax, "invalid JSON: \(error)")
        }
        let record = CalicoFlowLogRecord(line: body, slots: slots)
        if record.span(.items) != nil, record.span(.action) == nil { return .skipped(.whiskerListResponse) }
        guard record.span(.action) != nil else { return .skipped(.notAFlowLog) }
        do {
            return .parsed(try record.flow(location: location))
        } catch {
            return .failed(error.code, error.message)
        }
    }
}

extension SkipReason {
    /// An SSE field other than `data:` (`event:`, `id:`, `retry:`, `:` comments).
    public static let sseField = SkipReason(code: "sse_field", explanation: "a server-sent-events line other than data:")
    /// A Whisker list response: its flows are in `items`.
    public static let whiskerListResponse = SkipReason(
        code: "whisker_list_response",
        explanation: "a Whisker list response holding many flows in one line; extract them with jq -c '.items[]'")
    /// A JSON object that is not a flow-log record.
    public static let notAFlowLog = SkipReason(code: "not_a_flow_log", explanation: "a JSON object without an action, not a flow log")
}
