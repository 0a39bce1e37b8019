import DenyscopeCore

/// One connection attempt being tracked: who started it, what the originator sent, and what
/// came back (reference/pcap.md §1).
struct ConnectionAttempt {
    /// What the exchange has shown so far.
    enum State {
        /// Only probes from the originator so far.
        case probing
        case established
        /// RST to the SYN, or ICMP port unreachable.
        case refused
        /// ICMP administratively prohibited.
        case rejected
        /// ICMP host or network unreachable.
        case unreachable
    }

    // Fields ordered widest first and addresses kept as raw words, so that an attempt takes
    // 88 bytes instead of 104 (every attempt of the last idle timeout stays in memory).
    /// The 1-based number of the first packet in the capture.
    let firstPacket: Int
    /// Capture time of the first packet, in nanoseconds since the epoch.
    let firstTime: Int64
    /// Capture time of the latest packet.
    var lastTime: Int64
    var probes = 1
    var replies = 0
    private let originatorHigh: UInt64
    private let originatorLow: UInt64
    private let responderHigh: UInt64
    private let responderLow: UInt64
    /// The TCP initial sequence number (or echo identifier): retransmissions repeat it.
    let initialSequence: UInt32
    let originatorPort: UInt16
    let responderPort: UInt16
    let transport: DecodedPacket.Transport
    var state = State.probing
    /// Bit 0: the originator is IPv6; bit 1: the responder is.
    private let families: UInt8
    var icmpType: UInt8?
    var icmpCode: UInt8?
    var tunnel: Tunnel?

    var originator: IPAddress { Self.address(families & 1 != 0, originatorHigh, originatorLow) }
    var responder: IPAddress { Self.address(families & 2 != 0, responderHigh, responderLow) }

    @inline(__always)
    private static func address(_ isV6: Bool, _ high: UInt64, _ low: UInt64) -> IPAddress {
        isV6 ? .v6(high: high, low: low) : .v4(UInt32(truncatingIfNeeded: low))
    }

    @inline(__always)
    private static func words(_ address: IPAddress) -> (isV6: Bool, high: UInt64, low: UInt64) {
        switch address {
        case .v4(let value): return (false, 0, UInt64(value))
        case .v6(let high, let low): return (true, high, low)
        }
    }

    init(first packet: DecodedPacket, number: Int, time: Int64) {
        let originator = Self.words(packet.source)
        let responder = Self.words(packet.destination)
        originatorHigh = originator.high
        originatorLow = originator.low
        responderHigh = responder.high
        responderLow = responder.low
        families = (originator.isV6 ? 1 : 0) | (responder.isV6 ? 2 : 0)
        originatorPort = packet.sourcePort
        responderPort = packet.destinationPort
        transport = packet.transport
        firstPacket = number
        firstTime = time
        lastTime = time
        initialSequence = packet.sequence
        tunnel = packet.tunnel
    }

    /// Whether `packet` travels from the originator to the responder.
    func isFromOriginator(_ packet: DecodedPacket) -> Bool {
        packet.sourcePort == originatorPort && AttemptTable.same(packet.source, originator)
    }

    /// Takes an ICMP error quoting one of this attempt's probes (reference/pcap.md §1).
    mutating func takeError(type: UInt8, code: UInt8, isV6: Bool) {
        replies += 1
        guard state == .probing else { return }
        let next: State?
        if isV6 {
            switch (type, code) {
            case (1, 1), (1, 5), (1, 6): next = .rejected
            case (1, 4): next = .refused
            case (1, 0), (1, 2), (1, 3): next = .unreachable
            default: next = nil  // packet too big, time exceeded, parameter problem
            }
        } else {
            switch (type, code) {
            case (3, 9), (3, 10), (3, 13): next = .rejected
            case (3, 3), (3, 2): next = .refused
            case (3, 0), (3, 1), (3, 6), (3, 7), (3, 11), (3, 12): next = .unreachable
            default: next = nil  // fragmentation needed, time exceeded, redirect, …
            }
        }
        guard let next else { return }
        state = next
        icmpType = type
        icmpCode = code
    }

    /// The outcome as far as the capture shows it.
    var outcome: InferredOutcome {
        let kind: InferredOutcome.Kind
        switch state {
        case .established: kind = .established
        case .refused: kind = .refused
        case .rejected: kind = .rejectedByPolicy
        case .unreachable: kind = .unreachable
        case .probing:
            // A repeated probe with nothing back is a silent drop; a single one, or UDP (one-way
            // protocols exist), is only unanswered.
            kind = probes >= 2 && transport != .udp ? .silentlyDropped : .unanswered
        }
        return InferredOutcome(kind: kind, probes: probes, replies: replies, icmpType: icmpType, icmpCode: icmpCode)
    }

    /// The normalized flow of this attempt (DESIGN.md §5: only ICMP administratively prohibited
    /// is a policy rejection the capture itself shows).
    func flow(file: String) -> Flow {
        // One call of the full initializer: Flow is large, and setting its fields one by one
        // afterwards copies it.
        let ipProtocol: IPProtocol
        var sourcePort: UInt16?
        var destinationPort: UInt16?
        var icmpType: UInt8?
        var icmpCode: UInt8?
        switch transport {
        case .tcp, .udp, .sctp:
            ipProtocol = transport == .tcp ? .tcp : transport == .udp ? .udp : .sctp
            sourcePort = originatorPort
            destinationPort = responderPort
        case .icmp:
            ipProtocol = .icmp
            icmpType = 8
            icmpCode = 0
        case .icmpv6:
            ipProtocol = .icmpv6
            icmpType = 128
            icmpCode = 0
        }
        let outcome = self.outcome
        var observed = Flow.Observed()
        switch outcome.kind {
        case .established: observed.verdict = .forwarded
        case .rejectedByPolicy:
            observed.verdict = .dropped
            observed.denial = .policy
        case .silentlyDropped, .unreachable: observed.verdict = .dropped
        case .refused, .unanswered: observed.verdict = .unknown
        }
        observed.inferred = outcome
        return Flow(
            time: firstTime, source: Endpoint(kind: .unknown, ip: originator), destination: Endpoint(kind: .unknown, ip: responder),
            ipProtocol: ipProtocol, sourcePort: sourcePort, destinationPort: destinationPort, icmpType: icmpType,
            icmpCode: icmpCode, tcpFlags: transport == .tcp ? .syn : [], isReply: false, tunnel: tunnel?.rawValue,
            observed: observed, event: FlowEvent(kind: .packet), location: InputLocation(file: file, packet: firstPacket))
    }
}
