/// A bounds-checked, big-endian view of one captured packet's bytes.
///
/// Every read returns `nil` past the end instead of trapping, so a packet cut by the snapshot
/// length or damaged on the wire is skipped, never a crash.
///
/// - Warning: the view does not own its bytes: libpcap's buffer is valid only until the next
///   `pcap_next_ex` call, so a `PacketBytes` must not outlive the packet it was made for.
struct PacketBytes {
    let raw: UnsafeRawBufferPointer

    /// How many bytes were captured.
    @inline(__always) var count: Int { raw.count }

    /// The byte at `offset`.
    @inline(__always) func u8(_ offset: Int) -> UInt8? {
        guard offset >= 0, offset < raw.count else { return nil }
        return raw[offset]
    }

    /// The big-endian 16-bit integer at `offset`.
    @inline(__always) func u16(_ offset: Int) -> UInt16? {
        guard offset >= 0, offset &+ 2 <= raw.count else { return nil }
        return UInt16(raw[offset]) << 8 | UInt16(raw[offset &+ 1])
    }

    /// The big-endian 32-bit integer at `offset`.
    @inline(__always) func u32(_ offset: Int) -> UInt32? {
        guard offset >= 0, offset &+ 4 <= raw.count else { return nil }
        return UInt32(raw[offset]) << 24 | UInt32(raw[offset &+ 1]) << 16 | UInt32(raw[offset &+ 2]) << 8
            | UInt32(raw[offset &+ 3])
    }

    /// The big-endian 64-bit integer at `offset`.
    @inline(__always) func u64(_ offset: Int) -> UInt64? {
        guard let high = u32(offset), let low = u32(offset &+ 4) else { return nil }
        return UInt64(high) << 32 | UInt64(low)
    }

    /// Whether `length` bytes from `offset` were captured.
    @inline(__always) func has(_ offset: Int, _ length: Int) -> Bool {
        offset >= 0 && length >= 0 && offset &+ length <= raw.count
    }
}
