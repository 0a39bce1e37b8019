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
    private var attempts: [ConnectionKey: ConnectionAttempt] = [:]
    /// Finished attempts not yet handed out.
    private var finished: [ConnectionAttempt] = []
    private var lastSweep: Int64 = .min

    init(file: String, idleTimeout: Int64 = 300 * 1_000_000_000) {
        self.file = file
        self.idleTimeout = idleTimeout
    }

    /// Connections being tracked.
    var activeCount: Int { attempts.count }

    /// Takes the next packet, numbered `number` (1-based), captured at `time`.
    mutating func track(_ packet: DecodedPacket, number: Int, time: Int64) -> Disposition {
        if lastSweep == .min {
            lastSweep = time
        } else if time &- lastSweep > idleTimeout {
            sweep(before: time &- idleTimeout)
            lastSweep = time
        }
        if let quoted = packet.quoted { return trackError(packet, quoted: quoted) }
        let key = ConnectionKey(packet)
        guard let index = attempts.index(forKey: key) else {
            guard startsAttempt(packet) else { return .skipped(.midstream) }
            attempts[key] = ConnectionAttempt(first: packet, number: number, time: time)
            return .tracked
        }
        var attempt = attempts.values[index]
        if attempt.isFromOriginator(packet) {
            if packet.transport == .tcp, packet.tcpFlags.isConnectionAttempt {
                if packet.sequence == attempt.initialSequence {
                    attempt.probes += 1  // a retransmission, also after an ICMP error (T19)
                } else {
                    finished.append(attempt)
                    attempts.values[index] = ConnectionAttempt(first: packet, number: number, time: time)
                    return .tracked
                }
            } else if attempt.state == .probing {
                if packet.transport == .tcp, packet.tcpFlags.contains(.ack), !packet.tcpFlags.contains(.rst) {
                    attempt.state = .established  // the originator acknowledges a reply this capture missed
                } else if packet.transport != .tcp {
                    attempt.probes += 1
                }
            }
        } else {
            attempt.replies += 1
            if attempt.state == .probing {
                attempt.state = packet.transport == .tcp && packet.tcpFlags.contains(.rst) ? .refused : .established
            }
        }
        attempt.lastTime = max(attempt.lastTime, time)
        attempts.values[index] = attempt
        return .tracked
    }

    /// Notes that a copy of a tracked packet arrived through a tunnel, for attempts whose first
    /// copy was captured before encapsulation.
    mutating func noteTunnel(of packet: DecodedPacket) {
        guard let tunnel = packet.tunnel, packet.quoted == nil, let index = attempts.index(forKey: ConnectionKey(packet)),
            attempts.values[index].tunnel == nil
        else { return }
        attempts.values[index].tunnel = tunnel
    }

    /// Finished attempts, in the order of their first packet; call `finishAll()` first at the end.
    mutating func takeFinished() -> [Flow] {
        guard !finished.isEmpty else { return [] }
        let flows = finished.sorted { $0.firstPacket < $1.firstPacket }.map { $0.flow(file: file) }
        finished.removeAll(keepingCapacity: true)
        return flows
    }

    /// Ends the capture: every attempt is finished with what was seen.
    mutating func finishAll() {
        finished.append(contentsOf: attempts.values)
        attempts.removeAll()
    }

    private func startsAttempt(_ packet: DecodedPacket) -> Bool {
        switch packet.transport {
        case .tcp: return packet.tcpFlags.isConnectionAttempt
        case .udp, .sctp: return true
        case .icmp, .icmpv6: return packet.isEchoRequest
        }
    }

    private mutating func trackError(_ packet: DecodedPacket, quoted: DecodedPacket.Quoted) -> Disposition {
        guard let index = attempts.index(forKey: ConnectionKey(quoted)),
            attempts.values[index].originator == quoted.source
        else { return .skipped(.icmpErrorUnmatched) }
        attempts.values[index].takeError(type: packet.icmpType, code: packet.icmpCode, isV6: packet.transport == .icmpv6)
        return .tracked
    }

    private mutating func sweep(before cutoff: Int64) {
        let idle = attempts.filter { $0.value.lastTime < cutoff }
        guard !idle.isEmpty else { return }
        for (key, attempt) in idle {
            finished.append(attempt)
            attempts.removeValue(forKey: key)
        }
    }
}
