import DenyscopeCore

/// The pure part of reading a capture: decode, deduplicate, track and count packets pushed one
/// at a time. `PcapReader` feeds it from libpcap; tests may feed it bytes directly.
struct PcapSession {
    let file: String
    private let decoder: PacketDecoder
    private var deduplicator: PacketDeduplicator
    private var tracker: ConnectionTracker
    private(set) var stats = IngestStats()
    /// Packets taken so far (the number of the last one).
    private(set) var packetNumber = 0

    init(file: String, link: LinkLayer, options: PcapOptions) {
        self.file = file
        decoder = PacketDecoder(link: link, vxlanPorts: options.vxlanPorts, genevePorts: options.genevePorts)
        deduplicator = PacketDeduplicator(window: options.duplicateWindow)
        tracker = ConnectionTracker(file: file, idleTimeout: options.idleTimeout)
    }

    /// Flows finished and not yet taken.
    var pending: Int { tracker.finishedCount }

    /// How many flows `takeFlows()` hands out at most, so that finished attempts become flows a
    /// batch at a time.
    static let batchSize = 4096

    /// Takes the next packet.
    mutating func take(_ bytes: UnsafeRawBufferPointer, time: Int64) {
        packetNumber += 1
        switch decoder.decode(bytes) {
        case .packet(let packet):
            if deduplicator.isDuplicate(packet.fingerprint, at: time) {
                tracker.noteTunnel(of: packet)
                stats.countSkipped(.duplicate)
                return
            }
            switch tracker.track(packet, number: packetNumber, time: time) {
            case .tracked: stats.countParsed()
            case .skipped(let reason): stats.countSkipped(reason)
            }
        case .skipped(let reason):
            stats.countSkipped(reason)
        case .failed(let message):
            stats.countFailed(InputError(.invalidField, message, at: InputLocation(file: file, packet: packetNumber)))
        }
    }

    /// Counts a read failure (it stands for the packet after the last one read).
    mutating func fail(_ error: InputError) {
        stats.countFailed(error)
    }

    /// The next batch (at most `batchSize`) of the flows finished so far, in the order they
    /// finished (flows finished by one packet, and those left at the end, in the order of their
    /// first packet).
    mutating func takeFlows() -> [Flow] {
        tracker.takeFinished(limit: Self.batchSize)
    }

    /// Ends the capture: every attempt still open is finished; take them with `takeFlows()`.
    mutating func finish() {
        tracker.finishAll()
    }
}
