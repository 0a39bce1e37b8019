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
    private var fingerprints: [UInt64]
    private var times: [Int64]
    private let mask: Int

    /// - Parameters:
    ///   - window: nanoseconds; 0 turns deduplication off.
    ///   - slotsLog2: the table has `1 << slotsLog2` slots.
    init(window: Int64, slotsLog2: Int = 16) {
        self.window = window
        let slots = 1 << slotsLog2
        fingerprints = Array(repeating: 0, count: slots)
        times = Array(repeating: Int64.min, count: slots)
        mask = slots - 1
    }

    /// Whether a packet with `fingerprint` captured at `time` is a copy of one seen before;
    /// remembers it either way.
    mutating func isDuplicate(_ fingerprint: UInt64, at time: Int64) -> Bool {
        guard window > 0 else { return false }
        let slot = Int(truncatingIfNeeded: fingerprint ^ (fingerprint >> 32)) & mask
        let seen =
            fingerprints[slot] == fingerprint && times[slot] != Int64.min && time &- times[slot] <= window
            && time >= times[slot]
        fingerprints[slot] = fingerprint
        if !seen { times[slot] = time }
        return seen
    }
}
