import DenyscopeCore
import Foundation

extension FlowReader {
    /// Reads a capture that libpcap cannot open by path — gzip-compressed, or on standard input
    /// (whose first bytes were read to sniff the format and cannot be given back) — by copying it,
    /// decompressed, into a temporary file that libpcap then reads; the file is removed afterwards,
    /// even on errors.
    ///
    /// Why a temporary file: libpcap parses captures only from a path or a `FILE *`
    /// (`PcapCapture`), and a capture cannot be cut at arbitrary chunk boundaries the way line
    /// formats are. The alternatives (a `fopencookie` stream inflating on demand, or a pipe fed by
    /// a thread) are glibc-specific or add a thread per input. Memory stays bounded (one chunk at
    /// a time); the cost is disk space the size of the capture in the temporary folder (`TMPDIR`).
    ///
    /// Locations name the input. A truncated gzip stream is one failure at the end: libpcap's own
    /// "cannot read packet" failure when the cut fell inside a packet, otherwise `gzip data is
    /// truncated at byte N: unexpected end of file` at the packet after the last one.
    func readSpooledCapture(
        _ source: ChunkSource, first: Data, name: String, _ consume: ([Flow]) throws -> Void
    ) throws -> IngestStats {
        let manager = FileManager.default
        let temporary = manager.temporaryDirectory.appendingPathComponent("denyscope-\(UUID().uuidString).pcap").path
        guard manager.createFile(atPath: temporary, contents: nil), let output = FileHandle(forWritingAtPath: temporary) else {
            throw InputError(
                .unreadable, "cannot create a temporary file to copy the capture into (\(temporary))",
                at: InputLocation(file: name))
        }
        defer { try? manager.removeItem(atPath: temporary) }
        do {
            defer { try? output.close() }
            var chunk: Data? = first
            while let bytes = chunk {
                do {
                    try output.write(contentsOf: bytes)
                } catch {
                    throw InputError(
                        .unreadable, "cannot write the capture to \(temporary): \(error.localizedDescription)",
                        at: InputLocation(file: name))
                }
                chunk = try source.next()
            }
        }
        var stats = try readCapture(temporary, name: name, consume)
        if let truncation = source.truncation {
            let failure = InputError(.unreadable, truncation, at: InputLocation(file: name, packet: stats.records + 1))
            let cutPacketReported = stats.failures.last.map {
                $0.location.packet == stats.records && $0.message.hasPrefix("cannot read packet")
            }
            if cutPacketReported != true {
                if options.strict { throw failure }
                stats.countFailed(failure)
            }
        }
        return stats
    }
}
