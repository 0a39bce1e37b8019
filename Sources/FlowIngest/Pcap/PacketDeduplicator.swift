/// Recognises copies of one packet captured on several interfaces (`tcpdump -i any`: the
/// source veth, the bridge, the tunnel device, the underlay; multi-interface pcapng), so that
/// each packet counts once (reference/pcap.md §6.4, GROUND_TRUTH "Duplicates").
///
/// Two packets are copies when their `DecodedPacket.fingerprint`s (inner addresses, ports, IP
/// identification, TCP sequence and acknowledgment numbers, flags, declared length) are equal
/// and they were captured less than `window` apart. A SYN retransmission has the same
/// fingerprint but comes a second later, so it is not a copy.
///
/// The memory is a fixed direct-mapped table: a slot remembers the last fingerprint that hashed
/// to it. A collision can only make a copy look new (counted twice), never drop a packet.
struct PacketDeduplicator {
    /// Nanoseconds within which equal fingerprints are copies.
    let window: Int64
    /// One slot: the last fingerprint that hashed to it and the time it was first seen (together,
    /// so that a lookup touches one cache line).
    private struct Slot {
        var fingerprint: UInt64 = 0
        var time = Int64.min
    }
    private var slots: [Slot]
    private let mask: Int

    /// - Parameters:
    ///   - window: nanoseconds; 0 turns deduplication off.
    ///   - slotsLog2: the table has `1 << slotsLog2` slots.
    init(window: Int64, slotsLog2: Int = 16) {
        self.window = window
        let slots = 1 << slotsLog2
        self.slots = Array(repeating: Slot(), count: slots)
        mask = slots - 1
    }

    /// Whether a packet with `fingerprint` captured at `time` is a copy of one seen before;
    /// remembers it either way.
    mutating func isDuplicate(_ fingerprint: UInt64, at time: Int64) -> Bool {
        guard window > 0 else { return false }
        let slot = Int(truncatingIfNeeded: fingerprint ^ (fingerprint >> 32)) & mask
        return slots.withUnsafeMutableBufferPointer { slots in
            let seen =
                slots[slot].fingerprint == fingerprint && slots[slot].time != Int64.min && time &- slots[slot].time <= window
                && time >= slots[slot].time
            slots[slot].fingerprint = fingerprint
            if !seen { slots[slot].time = time }
            return seen
        }
    }
}
