import CPcap
import DenyscopeCore

/// An open capture file: the one place that calls libpcap (`pcap_open_offline`,
/// `pcap_next_ex`, `pcap_compile`), turning its errors into `InputError`s that name the file
/// and, once reading has begun, the packet (reference/pcap.md §4).
final class PcapCapture {
    /// One step of reading.
    enum Next {
        /// A packet: its captured bytes (valid until the next call), capture time in nanoseconds
        /// since the epoch, and its length on the wire.
        case packet(UnsafeRawBufferPointer, time: Int64, wireLength: Int)
        /// No more packets.
        case end
        /// libpcap could not read the next packet; its message.
        case error(String)
    }

    /// The name for locations (`<stdin>` for standard input).
    let file: String
    private let handle: OpaquePointer

    /// Opens `path` (`-` for standard input) with nanosecond timestamps.
    ///
    /// - Throws: `InputError` `unreadable` naming the file when libpcap cannot open it (no such
    ///   file, not a pcap or pcapng capture).
    init(path: String, file: String) throws(InputError) {
        self.file = file
        var errorBuffer = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE) + 1)
        let opened = pcap_open_offline_with_tstamp_precision(path, UInt32(PCAP_TSTAMP_PRECISION_NANO), &errorBuffer)
        guard let opened else {
            let message = Self.string(errorBuffer)
            throw InputError(.unreadable, "cannot read capture: \(Self.withoutPath(message, path))", at: InputLocation(file: file))
        }
        handle = opened
    }

    deinit { pcap_close(handle) }

    /// The `pcap_datalink()` value (a DLT_ number).
    var dataLink: Int32 { pcap_datalink(handle) }

    /// libpcap's name for the link type, e.g. `IEEE802_11`.
    var dataLinkName: String {
        guard let name = pcap_datalink_val_to_name(dataLink) else { return "unknown" }
        return String(cString: name)
    }

    /// Applies a BPF filter expression (`--filter`); packets it rejects are never returned.
    ///
    /// - Throws: `InputError` `invalidValue` quoting the expression and libpcap's complaint.
    func setFilter(_ expression: String) throws(InputError) {
        var program = bpf_program()
        guard pcap_compile(handle, &program, expression, 1, PCAP_NETMASK_UNKNOWN) == 0 else {
            throw InputError(.invalidValue, "invalid --filter \"\(expression)\": \(lastError)", at: InputLocation(file: file))
        }
        defer { pcap_freecode(&program) }
        guard pcap_setfilter(handle, &program) == 0 else {
            throw InputError(.invalidValue, "cannot apply --filter \"\(expression)\": \(lastError)", at: InputLocation(file: file))
        }
    }

    /// Reads the next packet.
    @inline(__always) func next() -> Next {
        var header: UnsafeMutablePointer<pcap_pkthdr>?
        var data: UnsafePointer<UInt8>?
        let status = pcap_next_ex(handle, &header, &data)
        guard status == 1, let header, let data else {
            return status == PCAP_ERROR_BREAK ? .end : .error(status == 1 ? "no packet data" : lastError)
        }
        let stamp = header.pointee.ts
        let time = Int64(stamp.tv_sec) &* 1_000_000_000 &+ Int64(stamp.tv_usec)
        let bytes = UnsafeRawBufferPointer(start: data, count: Int(header.pointee.caplen))
        return .packet(bytes, time: time, wireLength: Int(header.pointee.len))
    }

    private var lastError: String { String(cString: pcap_geterr(handle)) }

    private static func string(_ buffer: [CChar]) -> String {
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// libpcap starts some messages with the path, which the location already names.
    private static func withoutPath(_ message: String, _ path: String) -> String {
        let prefix = path + ": "
        return message.hasPrefix(prefix) ? String(message.dropFirst(prefix.count)) : message
    }
}
