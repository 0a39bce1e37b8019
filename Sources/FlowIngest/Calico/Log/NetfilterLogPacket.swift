import DenyscopeCore

/// The fields of a kernel `LOG` / nftables `log` line that a flow needs, read from the message
/// (`<prefix>IN=… OUT=… [MAC=…] SRC=… DST=… … PROTO=… …`, reference/calico-logs.md §1.2).
///
/// Keys are read at the top level only: the bracketed copy of the offending packet in an ICMP
/// error (`[SRC=… DST=… …]`) and `OPT (…)` groups are passed over. The first `LEN=` is the IP
/// length and the second the UDP length; neither is needed. Unknown keys and words are
/// ignored (newer kernels add some); a value that is malformed fails the record.
struct NetfilterLogPacket {
    /// Offsets of the prefix (everything before `IN=`, trailing spaces and one `:` removed).
    var prefix: Range<Int> = 0..<0
    /// `IN=` names a Calico workload interface (the packet leaves a pod: its egress).
    var inIsWorkload = false
    /// `OUT=` names a Calico workload interface (the packet enters a pod: its ingress).
    var outIsWorkload = false
    /// The overlay device the packet arrived on (`IN=tunl0`, `vxlan.calico`, `wireguard.cali`).
    var tunnel: String?
    var source: IPAddress?
    var destination: IPAddress?
    var ipProtocol: IPProtocol?
    var sourcePort: UInt16?
    var destinationPort: UInt16?
    var icmpType: UInt8?
    var icmpCode: UInt8?
    var tcpFlags: TCPFlags = []

    /// The pod's side the packet crosses: leaving a workload interface is its egress, entering
    /// one its ingress; between two workloads (or none) it cannot be told.
    var direction: Direction? { inIsWorkload == outIsWorkload ? nil : inIsWorkload ? .egress : .ingress }

    /// Finds `IN=` in `message`: the start of the kernel's fields.
    ///
    /// A prefix cannot hold `=` (Felix validates it with `^([a-zA-Z0-9%: /_-])*$`) but iptables
    /// may cut it before its `: `, so `IN=` can follow the prefix without a space: the fields
    /// start at the first `=`, which must close `IN` and be followed by ` OUT=` after the
    /// interface name.
    static func fieldsStart(in message: UnsafeRawBufferPointer) -> Int? {
        guard let equals = message.firstOffset(of: UInt8(ascii: "=")), equals >= 2, message.matches("IN", at: equals - 2),
            let space = message.firstOffset(of: UInt8(ascii: " "), from: equals), message.matches(" OUT=", at: space)
        else { return nil }
        return equals - 2
    }

    /// Reads the fields of `message`, whose `IN=` is at `start`.
    ///
    /// - Parameter workloadPrefix: the interface name prefix of Calico workload veths (`cali`).
    /// - Throws: `CalicoRecordError` naming the key whose value is malformed, or a missing
    ///   `SRC`/`DST`.
    init(message: UnsafeRawBufferPointer, fieldsStart start: Int, workloadPrefix: [UInt8]) throws(CalicoRecordError) {
        var prefixEnd = start
        while prefixEnd > 0, message[prefixEnd - 1] == 0x20 { prefixEnd -= 1 }
        if prefixEnd > 0, message[prefixEnd - 1] == UInt8(ascii: ":") { prefixEnd -= 1 }
        prefix = 0..<prefixEnd
        var index = start
        var sawProtocol = false
        var isTCP = false
        var seen: UInt32 = 0
        while index < message.count {
            let byte = message[index]
            if byte == 0x20 {
                index += 1
                continue
            }
            if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "(") {
                index = Self.skipGroup(message, from: index)
                continue
            }
            // The word runs to the next space, its key to the first `=`.
            var end = message.firstOffset(of: UInt8(ascii: "="), or: 0x20, from: index)
            var equals = -1
            if end < message.count, message[end] == UInt8(ascii: "=") {
                equals = end
                end = message.firstOffset(of: 0x20, or: 0x20, from: end + 1)
            }
            defer { index = end }
            guard equals > index else {
                if isTCP, let flag = Self.flag(message.slice(index..<end)) { tcpFlags.insert(flag) }
                continue
            }
            let key = message.slice(index..<equals)
            let value = equals + 1..<end
            guard let field = NetfilterKey(key), seen & field.bit == 0 else { continue }
            seen |= field.bit
            switch field {
            case .input:
                inIsWorkload = Self.hasPrefix(message, value, workloadPrefix)
                tunnel = Self.tunnel(message.slice(value))
            case .output:
                outIsWorkload = Self.hasPrefix(message, value, workloadPrefix)
            case .source:
                source = try Self.address(message, value, "SRC")
            case .destination:
                destination = try Self.address(message, value, "DST")
            case .proto:
                sawProtocol = true
                ipProtocol = try Self.ipProtocol(message.slice(value))
                isTCP = ipProtocol == .tcp
            case .sourcePort:
                sourcePort = try Self.number(message, value, "SPT", limit: UInt64(UInt16.max)).map { UInt16($0) }
            case .destinationPort:
                destinationPort = try Self.number(message, value, "DPT", limit: UInt64(UInt16.max)).map { UInt16($0) }
            case .type:
                icmpType = try Self.number(message, value, "TYPE", limit: 255).map { UInt8($0) }
            case .code:
                icmpCode = try Self.number(message, value, "CODE", limit: 255).map { UInt8($0) }
            }
        }
        guard source != nil else { throw CalicoRecordError(.invalidField, "missing field \"SRC\"") }
        guard destination != nil else { throw CalicoRecordError(.invalidField, "missing field \"DST\"") }
        if !sawProtocol { ipProtocol = nil }
        if ipProtocol != .icmp, ipProtocol != .icmpv6 {
            icmpType = nil
            icmpCode = nil
        }
        if ipProtocol?.hasPorts != true {
            sourcePort = nil
            destinationPort = nil
        }
    }

    /// Skips a bracketed group (`[…]`, `(…)`), nested ones included; an unclosed group runs to the end.
    static func skipGroup(_ message: UnsafeRawBufferPointer, from start: Int) -> Int {
        var depth = 0
        var index = start
        while index < message.count {
            let byte = message[index]
            if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "(") { depth += 1 }
            if byte == UInt8(ascii: "]") || byte == UInt8(ascii: ")") {
                depth -= 1
                if depth == 0 { return index + 1 }
            }
            index += 1
        }
        return index
    }

    static func hasPrefix(_ message: UnsafeRawBufferPointer, _ value: Range<Int>, _ prefix: [UInt8]) -> Bool {
        guard !prefix.isEmpty, value.count > prefix.count else { return false }
        for (offset, byte) in prefix.enumerated() where message[value.lowerBound + offset] != byte { return false }
        return true
    }

    static func tunnel(_ name: UnsafeRawBufferPointer) -> String? {
        if name.count == 5, name.matches("tunl0", at: 0) { return "IPIP" }
        if name.matches("vxlan", at: 0) { return "VXLAN" }
        if name.matches("wireguard.", at: 0) || name.matches("wg-v6.", at: 0) { return "WireGuard" }
        return nil
    }

    static func address(_ message: UnsafeRawBufferPointer, _ value: Range<Int>, _ key: String) throws(CalicoRecordError) -> IPAddress {
        guard let address = IPAddress(bytes: message.slice(value)) else {
            throw CalicoRecordError.field(key, "invalid IP address \(quotedText(message.slice(value)))")
        }
        return address
    }

    static func number(_ message: UnsafeRawBufferPointer, _ value: Range<Int>, _ key: String, limit: UInt64) throws(CalicoRecordError)
        -> UInt64?
    {
        guard let number = message.decimal(value, limit: limit) else {
            throw CalicoRecordError.field(key, "expected an integer from 0 to \(limit), got \(quotedText(message.slice(value)))")
        }
        return number
    }

    /// `TCP`, `UDP`, `UDPLITE`, `SCTP`, `ICMP`, `ICMPv6`, `ESP`, `AH`, or the protocol number
    /// (the kernel prints numbers for the others: `PROTO=132` is SCTP). Protocols a policy cannot
    /// name give `nil`.
    static func ipProtocol(_ value: UnsafeRawBufferPointer) throws(CalicoRecordError) -> IPProtocol? {
        if let number = value.decimal(0..<value.count, limit: 255) { return IPProtocol(number: UInt8(number)) }
        let names: [(StaticString, IPProtocol?)] = [
            ("TCP", .tcp), ("UDP", .udp), ("ICMP", .icmp), ("ICMPv6", .icmpv6), ("SCTP", .sctp), ("UDPLITE", nil), ("ESP", nil),
            ("AH", nil),
        ]
        for (name, proto) in names where value.count == name.utf8CodeUnitCount && value.matches(name, at: 0) { return proto }
        throw CalicoRecordError.field("PROTO", "unknown protocol \(quotedText(value))")
    }

    /// A TCP flag word (`SYN`, `ACK`, …; `AE` is the accurate-ECN bit, kept as `NS`).
    static func flag(_ word: UnsafeRawBufferPointer) -> TCPFlags? {
        switch word.count {
        case 2 where word.matches("AE", at: 0): return .ns
        case 3:
            let flags: [(StaticString, TCPFlags)] = [
                ("SYN", .syn), ("ACK", .ack), ("FIN", .fin), ("RST", .rst), ("PSH", .psh), ("URG", .urg), ("CWR", .cwr), ("ECE", .ece),
            ]
            for (name, flag) in flags where word.matches(name, at: 0) { return flag }
            return nil
        default: return nil
        }
    }
}

/// The keys `NetfilterLogPacket` reads.
enum NetfilterKey: UInt32 {
    case input, output, source, destination, proto, sourcePort, destinationPort, type, code

    var bit: UInt32 { 1 << rawValue }

    @inline(__always) init?(_ key: UnsafeRawBufferPointer) {
        switch key.count {
        case 2:
            guard key.matches("IN", at: 0) else { return nil }
            self = .input
        case 3:
            if key.matches("OUT", at: 0) {
                self = .output
            } else if key.matches("SRC", at: 0) {
                self = .source
            } else if key.matches("DST", at: 0) {
                self = .destination
            } else if key.matches("SPT", at: 0) {
                self = .sourcePort
            } else if key.matches("DPT", at: 0) {
                self = .destinationPort
            } else {
                return nil
            }
        case 4:
            if key.matches("TYPE", at: 0) {
                self = .type
            } else if key.matches("CODE", at: 0) {
                self = .code
            } else {
                return nil
            }
        case 5:
            guard key.matches("PROTO", at: 0) else { return nil }
            self = .proto
        default: return nil
        }
    }
}
