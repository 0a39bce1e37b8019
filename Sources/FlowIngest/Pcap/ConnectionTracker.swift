import DenyscopeCore

/// Turns decoded packets into connection attempts with an inferred outcome (DESIGN.md §5,
/// reference/pcap.md §1, §6.3).
///
/// - TCP: a SYN without ACK starts an attempt; the same SYN again (same ISN) is a
///   retransmission; SYN-ACK or any other reply establishes it; a RST before that refuses it.
///   A SYN with a new ISN after an attempt ended starts the next attempt.
/// - UDP and SCTP: the first packet starts an attempt; any packet back establishes it.
/// - ICMP echo: a request starts an attempt (keyed by its identifier), a reply establishes it.
/// - ICMP errors are matched to the attempt through the header they quote, not their own
///   addresses (so a router's error counts too).
///
/// Attempts idle for longer than `idleTimeout` are finished and handed out, which bounds
/// memory by the number of connections active at once.
struct ConnectionTracker {
    /// What the tracker made of one packet.
    enum Disposition {
        /// The packet belongs to an attempt.
        case tracked
        case skipped(SkipReason)
    }

    let file: String
    /// Nanoseconds after its last packet an attempt is finished.
    let idleTimeout: Int64
    private var table = AttemptTable()
    /// Finished attempts not yet handed out, from `finishedHead` on, in the order they are handed out.
    private var finished = ChunkedArray<ConnectionAttempt>()
    private var finishedHead = 0
    private var lastSweep: Int64 = .min

    init(file: String, idleTimeout: Int64 = 300 * 1_000_000_000) {
        self.file = file
        self.idleTimeout = idleTimeout
    }

    /// Connections being tracked.
    var activeCount: Int { table.liveCount }

    /// Finished attempts not yet handed out.
    var finishedCount: Int { finished.count - finishedHead }

    /// Takes the next packet, numbered `number` (1-based), captured at `time`.
    ///
    /// The attempts it finishes (idle ones, and the one a new SYN ends) are queued in the order of
    /// their first packet.
    mutating func track(_ packet: DecodedPacket, number: Int, time: Int64) -> Disposition {
        let queued = finished.count
        if lastSweep == .min {
            lastSweep = time
        } else if time &- lastSweep > idleTimeout {
            sweep(before: time &- idleTimeout)
            lastSweep = time
        }
        if let quoted = packet.quoted { return trackError(packet, quoted: quoted) }
        guard
            let position = table.find(
                packet.transport, packet.source, packet.sourcePort, packet.destination, packet.destinationPort)
        else {
            guard startsAttempt(packet) else { return .skipped(.midstream) }
            table.insert(ConnectionAttempt(first: packet, number: number, time: time))
            return .tracked
        }
        if table[position].isFromOriginator(packet) {
            if packet.transport == .tcp, packet.tcpFlags.isConnectionAttempt {
                if packet.sequence == table[position].initialSequence {
                    table[position].probes += 1  // a retransmission, also after an ICMP error (T19)
                } else {
                    finished.append(table[position])
                    // Attempts finished by one packet go out in first-packet order: the sweep's
                    // are in that order already, this one goes in its place among them.
                    var index = finished.count - 1
                    while index > queued, finished[index - 1].firstPacket > finished[index].firstPacket {
                        let earlier = finished[index - 1]
                        finished[index - 1] = finished[index]
                        finished[index] = earlier
                        index -= 1
                    }
                    table.replace(at: position, with: ConnectionAttempt(first: packet, number: number, time: time))
                    if table.deadCount > 65_536, table.deadCount > table.liveCount { table.compact() }
                    return .tracked
                }
            } else if table[position].state == .probing {
                if packet.transport == .tcp, packet.tcpFlags.contains(.ack), !packet.tcpFlags.contains(.rst) {
                    table[position].state = .established  // the originator acknowledges a reply this capture missed
                } else if packet.transport != .tcp {
                    table[position].probes += 1
                }
            }
        } else {
            table[position].replies += 1
            if table[position].state == .probing {
                table[position].state =
                    packet.transport == .tcp && packet.tcpFlags.contains(.rst) ? .refused : .established
            }
        }
        if table[position].lastTime < time { table[position].lastTime = time }
        return .tracked
    }

    /// Notes that a copy of a tracked packet arrived through a tunnel, for attempts whose first
    /// copy was captured before encapsulation.
    mutating func noteTunnel(of packet: DecodedPacket) {
        guard let tunnel = packet.tunnel, packet.quoted == nil,
            let position = table.find(
                packet.transport, packet.source, packet.sourcePort, packet.destination, packet.destinationPort),
            table[position].tunnel == nil
        else { return }
        table[position].tunnel = tunnel
    }

    /// Up to `limit` finished attempts as flows, in the order they finished (attempts finished
    /// together in the order of their first packet); call `finishAll()` first at the end.
    mutating func takeFinished(limit: Int = .max) -> [Flow] {
        let count = min(limit, finishedCount)
        guard count > 0 else { return [] }
        // Each flow is built in its place in the array: Flow is large and a copy costs.
        let flows = [Flow](unsafeUninitializedCapacity: count) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            for offset in 0..<count {
                (base + offset).initialize(to: finished[finishedHead + offset].flow(file: file))
                initialized = offset + 1
            }
        }
        finishedHead += count
        if finishedHead == finished.count {
            finished.removeAll()
            finishedHead = 0
        }
        return flows
    }

    /// Ends the capture: every attempt is finished with what was seen, in the order of its first packet.
    mutating func finishAll() {
        let rest = table.removeAll()
        if finishedCount == 0 {
            finished = rest
            finishedHead = 0
        } else {
            for index in rest.indices { finished.append(rest[index]) }
        }
    }

    private func startsAttempt(_ packet: DecodedPacket) -> Bool {
        switch packet.transport {
        case .tcp: return packet.tcpFlags.isConnectionAttempt
        case .udp, .sctp: return true
        case .icmp, .icmpv6: return packet.isEchoRequest
        }
    }

    private mutating func trackError(_ packet: DecodedPacket, quoted: DecodedPacket.Quoted) -> Disposition {
        guard
            let position = table.find(
                quoted.transport, quoted.source, quoted.sourcePort, quoted.destination, quoted.destinationPort),
            AttemptTable.same(table[position].originator, quoted.source)
        else { return .skipped(.icmpErrorUnmatched) }
        table[position].takeError(type: packet.icmpType, code: packet.icmpCode, isV6: packet.transport == .icmpv6)
        return .tracked
    }

    /// Finishes the attempts idle since before `cutoff`, in the order of their first packet.
    private mutating func sweep(before cutoff: Int64) {
        var killed = false
        for position in table.attempts.indices where table.isLive[position] && table[position].lastTime < cutoff {
            finished.append(table[position])
            table.kill(at: position)
            killed = true
        }
        if killed { table.compact() }
    }
}
