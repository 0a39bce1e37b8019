import DenyscopeCore

/// Reads Hubble flow JSON lines: `hubble observe -o json|jsonpb` (`{"flow":{…},"node_name":…,
/// "time":…}`), exporter `events.log` lines (whose `agent_event`, `debug_event`, `lost_events`
/// and `node_status` lines are counted skips), and legacy bare flows (Hubble CLI ≤ 0.10 `-o json`,
/// `HUBBLE_COMPAT=legacy-json-output`).
///
/// Field names may be proto names or lowerCamelCase, enums names or numbers, 64-bit numbers
/// strings (reference/hubble.md §1). Unknown fields are ignored; a field with the wrong JSON
/// type, an invalid address, port or time, or an unknown verdict fails the record, with the
/// field's path in the message.
public struct HubbleJSONAdapter: LineAdapter {
    public init() {}

    public func makeParser() -> HubbleLineParser { HubbleLineParser() }
}

/// Parses one Hubble JSON line at a time; created per block of lines.
public struct HubbleLineParser: LineRecordParser {
    static let scanner = JSONFieldScanner(paths: HubbleSlots.paths)
    /// Whether a slot is that of a `source` or `destination` object, wrapped or bare.
    static let isSideSlot: [Bool] = {
        let sides = [HubbleField.source, .destination].flatMap { [HubbleSlots.wrapped($0), HubbleSlots.bare($0)] }
        return (0..<HubbleSlots.paths.slotCount).map(sides.contains)
    }()
    var slots: [JSONSpan?] = Array(repeating: nil, count: HubbleSlots.paths.slotCount)
    var cache = HubbleLabelCache()

    public init() {}

    public mutating func parse(line: UnsafeRawBufferPointer, location: InputLocation) -> RecordOutcome {
        // Side objects read before are not walked again: their endpoints come from the cache. The
        // slots are scanned out of `self`, whose cache the closure updates.
        var scanned: [JSONSpan?] = []
        swap(&scanned, &slots)
        var failure: JSONScanError? = nil
        cache.startLine()
        do {
            try Self.scanner.scan(line, into: &scanned) { slot, rest in
                Self.isSideSlot[slot] ? cache.recognizeSide(startingAt: rest) : nil
            }
        } catch {
            failure = error
        }
        swap(&scanned, &slots)
        if let failure { return .failed(.syntax, "invalid JSON: \(failure)") }
        let slots = self.slots
        func wrapper(_ field: HubbleWrapperField) -> JSONSpan? { slots[HubbleSlots.wrapper(field)] }
        if let flow = wrapper(.flow) {
            guard flow.kind == .object else {
                return .failed(.invalidField, "field \"flow\": expected object, got \(flow.kind)")
            }
            return decode(line, wrapped: true, location: location)
        }
        if wrapper(.lostEvents) != nil {
            let lost = wrapper(.lostCount)?.integer(in: line).map { Int(clamping: $0) } ?? 0
            return .skipped(.lostEvents, lostEvents: max(0, lost))
        }
        if wrapper(.agentEvent) != nil { return .skipped(.agentEvent) }
        if wrapper(.debugEvent) != nil { return .skipped(.debugEvent) }
        if wrapper(.nodeStatus) != nil { return .skipped(.nodeStatus) }
        if HubbleField.allCases.contains(where: { $0.marksBareFlow && slots[HubbleSlots.bare($0)] != nil }) {
            return decode(line, wrapped: false, location: location)
        }
        return .skipped(.notAFlowEvent)
    }

    private mutating func decode(_ line: UnsafeRawBufferPointer, wrapped: Bool, location: InputLocation) -> RecordOutcome {
        let record = HubbleRecord(line: line, slots: slots, wrapped: wrapped)
        do {
            var flow = Flow(source: Endpoint(kind: .unknown), destination: Endpoint(kind: .unknown), location: location)
            try record.read(into: &flow, cache: &cache)
            return .parsed(flow)
        } catch {
            return .failed(error.code, error.message)
        }
    }
}

/// A record problem: the error code and the message after the location.
struct HubbleFieldError: Error {
    let code: InputError.Code
    let message: String
}
