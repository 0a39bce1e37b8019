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
    /// The fixed-width identity of an attempt: both addresses as 128-bit values (an IPv4
    /// address in `low`, told apart by `flags`), ports or ICMP type and code, protocol and outcome.
    struct Key: Hashable, Sendable {
        var sourceHigh: UInt64
        var sourceLow: UInt64
        var destinationHigh: UInt64
        var destinationLow: UInt64
        /// Ports (or ICMP type and code) in the high 32 bits, protocol and outcome in the next 16,
        /// whether each address is IPv6 in the low 2.
        var flags: UInt64

        init(source: IPAddress, destination: IPAddress, ports: UInt32, protocolAndOutcome: UInt16) {
            var flags = UInt64(ports) << 32 | UInt64(protocolAndOutcome) << 16
            switch source {
            case .v4(let value):
                sourceHigh = 0
                sourceLow = UInt64(value)
            case .v6(let high, let low):
                sourceHigh = high
                sourceLow = low
                flags |= 1
            }
            switch destination {
            case .v4(let value):
                destinationHigh = 0
                destinationLow = UInt64(value)
            case .v6(let high, let low):
                destinationHigh = high
                destinationLow = low
                flags |= 2
            }
            self.flags = flags
        }

        @inline(__always) var hash: UInt64 {
            var hash = (sourceLow ^ 0x9E37_79B9_7F4A_7C15) &* 0xFF51_AFD7_ED55_8CCD
            hash = (hash ^ destinationLow ^ (hash >> 29)) &* 0xC4CE_B9FE_1A85_EC53
            hash = (hash ^ flags ^ (hash >> 31)) &* 0xFF51_AFD7_ED55_8CCD
            hash = (hash ^ sourceHigh ^ (hash >> 27)) &* 0xC4CE_B9FE_1A85_EC53
            hash = (hash ^ destinationHigh ^ (hash >> 33)) &* 0xFF51_AFD7_ED55_8CCD
            return hash ^ (hash >> 32)
        }
    }

    /// How long after the last sighting a repeat still belongs to the same attempt.
    public let window: Int64
    /// The most keys remembered; beyond it, keys older than `window` are forgotten, then all.
    public let capacity: Int
    private var lastSeen: LastSeenTable

    public init(window: Int64 = 130 * 1_000_000_000, capacity: Int = 1 << 17) {
        self.window = window
        self.capacity = capacity
        self.lastSeen = LastSeenTable(maxCount: max(1, capacity))
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
        let protocolNumber = UInt16(flow.ipProtocol?.number ?? 0)
        let key = Key(source: source, destination: destination, ports: ports, protocolAndOutcome: protocolNumber << 8 | outcome)
        let now = flow.time ?? 0
        let slot = lastSeen.slot(of: key)
        if lastSeen.isOccupied(slot) {
            let last = lastSeen.value(at: slot)
            if flow.time == nil || abs(now - last) <= window {
                flow.attempts = 0
                lastSeen.setValue(max(last, now), at: slot)
                return
            }
        }
        flow.attempts = 1
        if lastSeen.count >= capacity {
            let window = self.window
            lastSeen.keep { now - $0 <= window }
            if lastSeen.count >= capacity / 2 { lastSeen.removeAll() }
        }
        lastSeen.set(key, now)
    }

}

/// An open-addressing table from `AttemptCounter.Key` to the last time seen: linear probing,
/// no single removals (only `keep` and `removeAll`, which rebuild), at most half full.
struct LastSeenTable: Sendable {
    private var keys: [AttemptCounter.Key] = []
    private var values: [Int64] = []
    private var occupied: [Bool] = []
    private var mask = 0
    private(set) var count = 0
    /// The table never grows past the size that holds `maxCount` keys at half load.
    private let maxSlots: Int

    init(maxCount: Int) {
        var slots = 16
        while slots < maxCount * 2 { slots <<= 1 }
        maxSlots = slots
        allocate(min(slots, 1024))
    }

    private mutating func allocate(_ slots: Int) {
        keys = Array(repeating: AttemptCounter.Key(source: .v4(0), destination: .v4(0), ports: 0, protocolAndOutcome: 0), count: slots)
        values = Array(repeating: 0, count: slots)
        occupied = Array(repeating: false, count: slots)
        mask = slots - 1
        count = 0
    }

    /// The slot holding `key`, or the empty slot where it would go.
    @inline(__always) func slot(of key: AttemptCounter.Key) -> Int {
        var index = Int(truncatingIfNeeded: key.hash) & mask
        while occupied[index] {
            if keys[index] == key { return index }
            index = (index &+ 1) & mask
        }
        return index
    }

    @inline(__always) func isOccupied(_ slot: Int) -> Bool { occupied[slot] }
    @inline(__always) func value(at slot: Int) -> Int64 { values[slot] }
    @inline(__always) mutating func setValue(_ value: Int64, at slot: Int) { values[slot] = value }

    /// Inserts or updates `key`.
    mutating func set(_ key: AttemptCounter.Key, _ value: Int64) {
        var index = slot(of: key)
        if !occupied[index] {
            if (count + 1) * 2 > keys.count, keys.count < maxSlots {
                grow()
                index = slot(of: key)
            }
            occupied[index] = true
            keys[index] = key
            count += 1
        }
        values[index] = value
    }

    /// Keeps only the entries whose value satisfies `predicate`.
    mutating func keep(where predicate: (Int64) -> Bool) {
        rebuild(slots: keys.count, keeping: predicate)
    }

    mutating func removeAll() {
        for index in occupied.indices { occupied[index] = false }
        count = 0
    }

    private mutating func grow() {
        rebuild(slots: keys.count * 2) { _ in true }
    }

    private mutating func rebuild(slots: Int, keeping predicate: (Int64) -> Bool) {
        let oldKeys = keys
        let oldValues = values
        let oldOccupied = occupied
        allocate(slots)
        for index in oldOccupied.indices where oldOccupied[index] && predicate(oldValues[index]) {
            let target = slot(of: oldKeys[index])
            occupied[target] = true
            keys[target] = oldKeys[index]
            values[target] = oldValues[index]
            count += 1
        }
    }
}
