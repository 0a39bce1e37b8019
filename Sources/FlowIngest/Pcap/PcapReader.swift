import DenyscopeCore

/// Reads a pcap or pcapng capture into one `Flow` per connection attempt, with the outcome the
/// packets show (`Flow.Observed.inferred`; DESIGN.md §5, reference/pcap.md).
///
/// Every packet is a record of the `IngestStats`: parsed when it belongs to a connection
/// attempt (probes, replies, ICMP errors), skipped with a reason (ARP, neighbour discovery,
/// copies from another interface, …), or failed (a malformed header). A read error (a truncated
/// file) is one failure naming the packet number; the flows read so far are kept.
///
/// ```swift
/// let stats = try PcapReader().read(path: "node1.pcap") { flows in … }
/// ```
public struct PcapReader: Sendable {
    public var options: PcapOptions

    public init(options: PcapOptions = PcapOptions()) {
        self.options = options
    }

    /// Reads the capture at `path` and hands its flows to `consume` in batches.
    ///
    /// Packets are read and tracked on another thread, a few batches ahead of `consume`, which
    /// runs on the calling thread: libpcap reads one packet at a time, and the matcher's work on a
    /// batch no longer holds up the reading of the next.
    ///
    /// - Parameters:
    ///   - path: the file; `-` is standard input.
    ///   - file: the name for locations; defaults to `path` (`<stdin>` for `-`).
    ///   - strict: throw the first failure instead of counting it.
    /// - Returns: the packet accounting.
    /// - Throws: `InputError` when the file cannot be opened, is no capture, has a link type not
    ///   read here, the filter does not compile, or libpcap cannot read this kind of capture
    ///   (pcapng whose interfaces differ in link type or snapshot length).
    public func read(path: String, file: String? = nil, strict: Bool = false, _ consume: ([Flow]) throws -> Void) throws -> IngestStats {
        let name = file ?? (path == "-" ? "<stdin>" : path)
        let opened = try PcapCapture(path: path, file: name)
        guard let link = LinkLayer(dlt: opened.dataLink) else {
            throw InputError(
                .unreadable, "unsupported link type \(opened.dataLink) (\(opened.dataLinkName)); readable: \(LinkLayer.supportedNames)",
                at: InputLocation(file: name))
        }
        if let filter = options.filter { try opened.setFilter(filter) }
        // The capture is used by the reading thread alone from here on.
        nonisolated(unsafe) let capture = opened
        let options = self.options
        return try BatchHandoff<[Flow]>.run(
            capacity: 2,
            produce: { handoff in try Self.track(capture, file: name, link: link, options: options, strict: strict, into: handoff) },
            consume: consume)
    }

    /// Reads and tracks every packet, handing finished flows over a batch at a time; stops early
    /// when the consumer cancels.
    private static func track(
        _ capture: PcapCapture, file name: String, link: LinkLayer, options: PcapOptions, strict: Bool, into handoff: BatchHandoff<[Flow]>
    ) throws -> IngestStats {
        var session = PcapSession(file: name, link: link, options: options)
        while true {
            switch capture.next() {
            case .packet(let bytes, let time, _):
                session.take(bytes, time: time)
                if session.pending >= PcapSession.batchSize, !handoff.put(session.takeFlows()) { return session.stats }
            case .end:
                drain(&session, handoff)
                return session.stats
            case .error(let message):
                let location = InputLocation(file: name, packet: session.packetNumber + 1)
                if Self.isLibpcapLimit(message) {
                    throw InputError(
                        .unreadable,
                        "libpcap cannot read this capture: \(message); split it per interface "
                            + "(tshark -r FILE -Y 'frame.interface_id==N' -w part.pcapng)", at: location)
                }
                let failure = InputError(.syntax, "cannot read packet: \(message)", at: location)
                if strict { throw failure }
                session.fail(failure)
                drain(&session, handoff)
                return session.stats
            }
            if strict, let failure = session.stats.failures.first { throw failure }
        }
    }

    /// Ends the capture and hands out the remaining flows a batch at a time (one batch, maybe
    /// empty, when there are none).
    private static func drain(_ session: inout PcapSession, _ handoff: BatchHandoff<[Flow]>) {
        session.finish()
        repeat {
            guard handoff.put(session.takeFlows()) else { return }
        } while session.pending > 0
    }

    /// libpcap's pcapng limitation: one link type and one snapshot length per file (libpcap #1252, #1078).
    static func isLibpcapLimit(_ message: String) -> Bool {
        message.contains("different from the type of the first interface") || message.contains("different from the snapshot length")
    }
}
