import DenyscopeCore

/// The connection attempts being tracked, in the order of their first packet, with an
/// open-addressing index by connection (both directions of a connection find the same attempt).
///
/// Attempts sit in one chunked array (`attempts`) in the order they were started, which is the order of
/// their first packet, so finished attempts come out in that order without sorting. An attempt
/// replaced by the next attempt of its connection stays in the array as dead until `compact()`.
/// The index is a power-of-two array of slots (linear probing, load at most 1/2), each holding
/// the low 32 bits of the connection's hash and the attempt's position; nothing is ever removed
/// from it one by one: `compact()` rebuilds it.
struct AttemptTable {
    /// Attempts in first-packet order, live or dead (see `isLive`).
    private(set) var attempts = ChunkedArray<ConnectionAttempt>()
    private(set) var isLive: [Bool] = []
    /// Live attempts.
    private(set) var liveCount = 0
    /// 0 for an empty slot, else `hash << 32 | position + 1`.
    private var slots: [UInt64]
    private var mask: Int

    init(capacityLog2: Int = 12) {
        slots = Array(repeating: 0, count: 1 << capacityLog2)
        mask = (1 << capacityLog2) - 1
    }

    /// The symmetric hash of a connection: the same for both directions.
    @inline(__always)
    static func hash(
        _ transport: DecodedPacket.Transport, _ source: IPAddress, _ sourcePort: UInt16, _ destination: IPAddress,
        _ destinationPort: UInt16
    ) -> UInt64 {
        let a = mix(source.fingerprintBits ^ UInt64(sourcePort) << 48)
        let b = mix(destination.fingerprintBits ^ UInt64(destinationPort) << 48)
        return mix((a &+ b) ^ UInt64(transport.rawValue))
    }

    @inline(__always)
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `a == b`, inlined (`IPAddress`'s own `==` is a call into another module).
    @inline(__always)
    static func same(_ a: IPAddress, _ b: IPAddress) -> Bool {
        switch (a, b) {
        case (.v4(let x), .v4(let y)): return x == y
        case (.v6(let xHigh, let xLow), .v6(let yHigh, let yLow)): return xHigh == yHigh && xLow == yLow
        default: return false
        }
    }

    /// The position of the live attempt of the connection between the two endpoints.
    @inline(__always)
    func find(
        _ transport: DecodedPacket.Transport, _ source: IPAddress, _ sourcePort: UInt16, _ destination: IPAddress,
        _ destinationPort: UInt16
    ) -> Int? {
        let hash = Self.hash(transport, source, sourcePort, destination, destinationPort)
        let tag = hash & 0xFFFF_FFFF
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if entry >> 32 == tag {
                let position = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                let attempt = attempts[position]
                if attempt.transport == transport,
                    (attempt.originatorPort == sourcePort && attempt.responderPort == destinationPort
                        && Self.same(attempt.originator, source) && Self.same(attempt.responder, destination))
                        || (attempt.originatorPort == destinationPort && attempt.responderPort == sourcePort
                            && Self.same(attempt.originator, destination) && Self.same(attempt.responder, source))
                {
                    return position
                }
            }
            slot = (slot &+ 1) & mask
        }
    }

    /// The attempt at `position`.
    @inline(__always)
    subscript(position: Int) -> ConnectionAttempt {
        get { attempts[position] }
        _modify { yield &attempts[position] }
    }

    /// Adds the first attempt of a connection not in the table.
    mutating func insert(_ attempt: ConnectionAttempt) {
        if (liveCount + 1) * 2 > slots.count { grow() }
        attempts.append(attempt)
        isLive.append(true)
        liveCount += 1
        place(hashOf(attempt), position: attempts.count - 1)
    }

    /// Puts the next attempt of a connection in place of the one at `position`, which becomes dead.
    mutating func replace(at position: Int, with attempt: ConnectionAttempt) {
        let hash = hashOf(attempt)
        let old = UInt64(hash & 0xFFFF_FFFF) << 32 | UInt64(position + 1)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != old { slot = (slot &+ 1) & mask }
        isLive[position] = false
        attempts.append(attempt)
        isLive.append(true)
        slots[slot] = UInt64(hash & 0xFFFF_FFFF) << 32 | UInt64(attempts.count)
    }

    /// Marks the attempt at `position` dead; call `compact()` after a run of these.
    mutating func kill(at position: Int) {
        isLive[position] = false
        liveCount -= 1
    }

    /// Dead attempts still in the array.
    var deadCount: Int { attempts.count - liveCount }

    /// Drops dead attempts and rebuilds the index.
    mutating func compact() {
        var kept = 0
        for position in attempts.indices where isLive[position] {
            if kept != position { attempts[kept] = attempts[position] }
            kept += 1
        }
        attempts.removeLast(attempts.count - kept)
        isLive = Array(repeating: true, count: kept)
        var log2 = 12
        while (1 << log2) < kept * 2 { log2 += 1 }
        rebuild(capacity: 1 << log2)
    }

    /// Takes every live attempt out, in first-packet order, and empties the table.
    mutating func removeAll() -> ChunkedArray<ConnectionAttempt> {
        var live = attempts
        attempts = ChunkedArray()  // so that `live` is the only reference and is compacted in place
        var kept = 0
        for position in live.indices where isLive[position] {
            if kept != position { live[kept] = live[position] }
            kept += 1
        }
        live.removeLast(live.count - kept)
        isLive = []
        liveCount = 0
        rebuild(capacity: 1 << 12)
        return live
    }

    private func hashOf(_ attempt: ConnectionAttempt) -> UInt64 {
        Self.hash(attempt.transport, attempt.originator, attempt.originatorPort, attempt.responder, attempt.responderPort)
    }

    @inline(__always)
    private mutating func place(_ hash: UInt64, position: Int) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot &+ 1) & mask }
        slots[slot] = UInt64(hash & 0xFFFF_FFFF) << 32 | UInt64(position + 1)
    }

    @inline(never)
    private mutating func grow() {
        rebuild(capacity: slots.count * 2)
    }

    private mutating func rebuild(capacity: Int) {
        slots = Array(repeating: 0, count: capacity)
        mask = capacity - 1
        for position in attempts.indices where isLive[position] {
            place(hashOf(attempts[position]), position: position)
        }
    }
}
