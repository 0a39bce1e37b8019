/// Guesses an input's format from its first bytes (the first line, at most `prefixLength` bytes).
public enum FormatSniffer {
    /// What the first bytes look like.
    public enum Guess: Hashable, Sendable {
        /// A format denyscope reads.
        case format(InputFormat)
        /// A gzip stream (to be decompressed, then sniffed again).
        case gzip
        /// Nothing denyscope knows; the input needs `--input-format`.
        case unknown
    }

    /// How many leading bytes `sniff` needs at most.
    public static let prefixLength = 64 * 1024

    /// Guesses the format of an input that starts with `prefix`.
    ///
    /// - Hubble JSON: a JSON object whose first line has a `"flow"` key, a Hubble event key
    ///   (`agent_event`, `debug_event`, `lost_events`, `node_status`), or a bare flow's
    ///   `"verdict"` together with `"IP"`, `"source"`, `"event_type"` or `"Type"`.
    /// - Calico flow logs: another JSON object with an `"action"` key, or a Whisker SSE `data:` line.
    /// - Calico `LOG` lines in `journalctl -o json`: another JSON object with a `"MESSAGE"` key.
    /// - Calico `LOG` lines: text with `calico-packet:`, `calico-drop`, a netfilter
    ///   `SRC=… DST=…` pair, or an eBPF `: policy ALLOWED|DENIED` marker.
    /// - pcap / pcapng by magic number; gzip by its two magic bytes.
    public static func sniff(_ prefix: UnsafeRawBufferPointer) -> Guess {
        let bytes = UnsafeRawBufferPointer(rebasing: prefix[..<min(prefix.count, prefixLength)])
        if isGzip(bytes) { return .gzip }
        if bytes.count >= 4 {
            let magic = (UInt32(bytes[0]) << 24) | (UInt32(bytes[1]) << 16) | (UInt32(bytes[2]) << 8) | UInt32(bytes[3])
            if [0xD4C3_B2A1, 0xA1B2_C3D4, 0x4D3C_B2A1, 0xA1B2_3C4D, 0x0A0D_0D0A].contains(magic) { return .format(.pcap) }
        }
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        let rest = UnsafeRawBufferPointer(rebasing: bytes[start...])
        let firstLine = UnsafeRawBufferPointer(rebasing: rest[..<(rest.firstIndex(of: 0x0A) ?? rest.count)])
        if firstLine.first == UInt8(ascii: "{") {
            let hubbleKeys = ["\"flow\"", "\"agent_event\"", "\"debug_event\"", "\"lost_events\"", "\"node_status\""]
            if hubbleKeys.contains(where: { contains(firstLine, $0) }) { return .format(.hubble) }
            if contains(firstLine, "\"verdict\""),
                ["\"IP\"", "\"source\"", "\"event_type\"", "\"Type\""].contains(where: { contains(firstLine, $0) })
            {
                return .format(.hubble)
            }
            if contains(firstLine, "\"action\"") { return .format(.calicoFlowLog) }
            if contains(firstLine, "\"MESSAGE\"") { return .format(.calicoLog) }
            return .unknown
        }
        if firstLine.count >= 5, contains(UnsafeRawBufferPointer(rebasing: firstLine[..<5]), "data:") {
            return .format(.calicoFlowLog)
        }
        if contains(firstLine, ": policy ALLOWED") || contains(firstLine, ": policy DENIED") { return .format(.calicoLog) }
        if contains(firstLine, "calico-packet:") || contains(firstLine, "calico-drop")
            || (contains(firstLine, " SRC=") && contains(firstLine, " DST="))
        {
            return .format(.calicoLog)
        }
        return .unknown
    }

    /// Whether `prefix` starts with gzip's magic bytes `1f 8b` (RFC 1952 §2.3.1), whatever the
    /// file is called.
    public static func isGzip(_ prefix: UnsafeRawBufferPointer) -> Bool {
        prefix.count >= 2 && prefix[0] == 0x1F && prefix[1] == 0x8B
    }

    /// Whether `haystack` contains the bytes of `needle`.
    static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first, haystack.count >= pattern.count else { return false }
        var index = 0
        while index + pattern.count <= haystack.count {
            if haystack[index] == first {
                var offset = 1
                while offset < pattern.count, haystack[index + offset] == pattern[offset] { offset += 1 }
                if offset == pattern.count { return true }
            }
            index += 1
        }
        return false
    }
}
