import DenyscopeCore

/// Sets each flow's `attempts`: 1 for a new connection attempt, 0 for a record that repeats one
/// already counted. Runs over flows in input order, after parsing (so it gives the same answer
/// whatever the chunking), with bounded memory.
///
/// The rules (reference/hubble.md §4.1, §4.4; DESIGN.md §4 `count`):
/// - a flow-log record (`FlowEvent.Kind.flowLog`) keeps the count its adapter set;
/// - a reply (`isReply == true`) is never an attempt;
/// - an L7 record counts once per request (L7 records are not deduplicated);
/// - otherwise a record repeats an attempt when a record with the same source and destination
///   address, protocol, ports (or ICMP type) and outcome (denied / passed / other) was seen less
///   than `window` earlier. This joins the policy-verdict event and the drop event of one denied
///   packet, a SYN with its retransmissions (same source port; retries span about 2 minutes),
///   and the trace events of the packets of one connection. Records without addresses are
///   always counted; records without a time match any time.
public struct AttemptCounter: Sendable {
    struct Key: Hashable, Sendable {
        let source: IPAddress
        let destination: IPAddress
        let ports: UInt32
        let protocolAndOutcome: UInt16
    }

    /// How long after the last sighting a repeat still belongs to the same attempt.
    public let window: Int64
    /// The most keys remembered; beyond it, keys older than `window` are forgotten, then all.
    public let capacity: Int
    private var lastSeen: [Key: Int64] = [:]

    public init(window: Int64 = 130 * 1_000_000_000, capacity: Int = 1 << 17) {
        self.window = window
        self.capacity = capacity
    }

    /// Sets `flow.attempts`.
    public mutating func count(_ flow: inout Flow) {
        // An aggregated flow-log record carries its own count of connections started.
        if flow.event.kind == .flowLog { return }
        if flow.isReply == true {
            flow.attempts = 0
            return
        }
        guard flow.l7 == nil, let source = flow.source.ip, let destination = flow.destination.ip else {
            flow.attempts = 1
            return
        }
        let ports: UInt32
        if let type = flow.icmpType {
            ports = UInt32(type) << 8 | UInt32(flow.icmpCode ?? 0)
        } else {
            ports = UInt32(flow.sourcePort ?? 0) << 16 | UInt32(flow.destinationPort ?? 0)
        }
        let outcome: UInt16 = flow.observed.isPolicyDenial || flow.observed.verdict == .dropped ? 1 : flow.observed.verdict.passed ? 2 : 3
        let protocolNumber: UInt16 = flow.ipProtocol.map { UInt16(IPProtocol.allCases.firstIndex(of: $0) ?? 0) + 1 } ?? 0
        let key = Key(source: source, destination: destination, ports: ports, protocolAndOutcome: protocolNumber << 8 | outcome)
        let now = flow.time ?? 0
        if let last = lastSeen[key], flow.time == nil || abs(now - last) <= window {
            flow.attempts = 0
            lastSeen[key] = max(last, now)
            return
        }
        flow.attempts = 1
        if lastSeen.count >= capacity {
            lastSeen = lastSeen.filter { now - $0.value <= window }
            if lastSeen.count >= capacity / 2 { lastSeen.removeAll(keepingCapacity: true) }
        }
        lastSeen[key] = now
    }
}
