import CPcap

/// Writes attempts as an Ethernet/IPv4 capture through libpcap's dump API (`pcap_open_dead`,
/// `pcap_dump_open`, `pcap_dump`) with nanosecond timestamps: an allowed attempt is a completed
/// handshake (SYN, SYN-ACK, ACK), a denied one a SYN retransmitted one and three seconds later
/// with no answer, as a silently dropping policy leaves it.
///
/// Retransmissions fall after later attempts, so they wait in two time-ordered queues (one per
/// retry) and are merged in; the queues hold only the last three seconds of attempts.
struct PcapFlowWriter: FlowFileWriter {
    private let cluster: SyntheticCluster
    private let dead: OpaquePointer
    private let dumper: OpaquePointer
    private var retries: [[(time: Int64, frame: [UInt8])]] = [[], []]
    private var heads = [0, 0]
    private var random: SeededRandom

    /// Opens `path` for writing.
    /// - Throws: `GenerateError.pcap` when libpcap cannot open it.
    init(path: String, cluster: SyntheticCluster) throws {
        guard let dead = pcap_open_dead_with_tstamp_precision(DLT_EN10MB, 262_144, UInt32(PCAP_TSTAMP_PRECISION_NANO)) else {
            throw GenerateError.pcap("pcap_open_dead failed")
        }
        guard let dumper = pcap_dump_open(dead, path) else {
            let message = pcap_geterr(dead).map { String(cString: $0) } ?? "pcap_dump_open failed"
            pcap_close(dead)
            throw GenerateError.pcap("\(path): \(message)")
        }
        self.dead = dead
        self.dumper = dumper
        self.cluster = cluster
        random = SeededRandom(seed: UInt64(cluster.pods.count) &* 0x2545_F491_4F6C_DD1D)
    }

    mutating func write(_ attempt: GeneratedAttempt) throws {
        flush(until: attempt.time)
        let client = Self.address(cluster.pods[attempt.source].ip)
        let server = Self.address(cluster.pods[attempt.destination].ip)
        let (sport, dport) = (attempt.sourcePort, attempt.destinationPort)
        let isn = UInt32(truncatingIfNeeded: random.next())
        let syn = PacketFrame.tcp(client, server, sport, dport, seq: isn, ack: 0, flags: 0x02, id: 1)
        dump(syn, at: attempt.time)
        if attempt.decision.verdict == .allowed {
            let serverISN = UInt32(truncatingIfNeeded: random.next())
            dump(
                PacketFrame.tcp(server, client, dport, sport, seq: serverISN, ack: isn &+ 1, flags: 0x12, id: 0), at: attempt.time + 80_000)
            dump(
                PacketFrame.tcp(client, server, sport, dport, seq: isn &+ 1, ack: serverISN &+ 1, flags: 0x10, id: 2),
                at: attempt.time + 120_000)
        } else {
            retries[0].append((attempt.time + 1_000_000_000, syn))
            retries[1].append((attempt.time + 3_000_000_000, syn))
        }
    }

    mutating func close() throws {
        flush(until: .max)
        pcap_dump_close(dumper)
        pcap_close(dead)
    }

    private mutating func flush(until now: Int64) {
        while true {
            var best = -1
            for queue in 0..<retries.count where heads[queue] < retries[queue].count && retries[queue][heads[queue]].time <= now {
                if best < 0 || retries[queue][heads[queue]].time < retries[best][heads[best]].time { best = queue }
            }
            guard best >= 0 else { break }
            let item = retries[best][heads[best]]
            dump(item.frame, at: item.time)
            heads[best] += 1
            if heads[best] > 4096 {
                retries[best].removeFirst(heads[best])
                heads[best] = 0
            }
        }
    }

    private func dump(_ frame: [UInt8], at time: Int64) {
        var header = pcap_pkthdr()
        header.ts.tv_sec = Int(time / 1_000_000_000)
        // With nanosecond precision the `tv_usec` field holds nanoseconds.
        header.ts.tv_usec = Int(time % 1_000_000_000)
        header.caplen = UInt32(frame.count)
        header.len = UInt32(frame.count)
        let user = UnsafeMutableRawPointer(dumper).assumingMemoryBound(to: UInt8.self)
        frame.withUnsafeBufferPointer { pcap_dump(user, &header, $0.baseAddress) }
    }

    /// A dotted IPv4 address as a 32-bit number (the generator writes only valid ones).
    static func address(_ text: String) -> UInt32 {
        text.split(separator: ".").reduce(0) { $0 << 8 | (UInt32($1) ?? 0) }
    }
}
