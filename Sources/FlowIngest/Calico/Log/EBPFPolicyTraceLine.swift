import DenyscopeCore

/// An eBPF data-plane `Log` rule line from the trace pipe (reference/calico-logs.md §3.1):
/// `[<comm>-<pid> [cpu] flags ts: bpf_trace_printk: ]<iface>-<I|E|X>: policy <ALLOWED|DENIED > proto <n> src <ip>:<port> dest <ip>:<port>`.
///
/// Unlike an iptables `Log` rule, the line carries the policy program's final verdict. `-I` is
/// the ingress policy of the endpoint behind the interface, `-E` its egress, `X` XDP (ingress
/// of a host interface). IPv6 addresses are bracketed; for ICMP the destination "port" is the type.
struct EBPFPolicyTraceLine {
    var direction: Direction
    var denied: Bool
    var ipProtocol: IPProtocol?
    var source: IPAddress
    var destination: IPAddress
    var sourcePort: UInt16?
    var destinationPort: UInt16?
    var icmpType: UInt8?

    /// Whether `message` is a trace-pipe policy line (has `: policy ALLOWED` or `: policy DENIED`).
    static func marker(in message: UnsafeRawBufferPointer) -> Int? {
        guard let found = message.firstOffset(of: ": policy ") else { return nil }
        let verdict = found + 9
        guard message.matches("ALLOWED", at: verdict) || message.matches("DENIED", at: verdict) else { return nil }
        return found
    }

    /// Reads the line whose `: policy ` is at `marker`; `nil` for an old kernel's line without
    /// packet details.
    init?(message: UnsafeRawBufferPointer, marker: Int) throws(CalicoRecordError) {
        guard marker >= 2, message[marker - 2] == UInt8(ascii: "-") else {
            throw CalicoRecordError(.invalidValue, "eBPF policy line without an -I/-E/-X direction tag")
        }
        switch message[marker - 1] {
        case UInt8(ascii: "E"): direction = .egress
        case UInt8(ascii: "I"), UInt8(ascii: "X"): direction = .ingress
        default: throw CalicoRecordError(.invalidValue, "eBPF policy line without an -I/-E/-X direction tag")
        }
        denied = message.matches("DENIED", at: marker + 9)
        var words: [Range<Int>] = []
        var index = marker + 9
        while index < message.count, words.count < 8 {
            while index < message.count, message[index] == 0x20 { index += 1 }
            let start = index
            while index < message.count, message[index] != 0x20 { index += 1 }
            if index > start { words.append(start..<index) }
        }
        // verdict proto <n> src <ip:port> dest <ip:port>
        guard words.count >= 7 else { return nil }
        guard message.matches("proto", at: words[1].lowerBound), message.matches("src", at: words[3].lowerBound),
            message.matches("dest", at: words[5].lowerBound)
        else { throw CalicoRecordError(.invalidValue, "unexpected eBPF policy line layout") }
        guard let number = message.decimal(words[2], limit: 255) else {
            throw CalicoRecordError.field("proto", "expected an integer from 0 to 255, got \(quotedText(message.slice(words[2])))")
        }
        ipProtocol = IPProtocol(number: UInt8(number))
        let (sourceAddress, sourceNumber) = try Self.endpoint(message, words[4], "src")
        let (destinationAddress, destinationNumber) = try Self.endpoint(message, words[6], "dest")
        source = sourceAddress
        destination = destinationAddress
        if ipProtocol?.hasPorts == true {
            sourcePort = sourceNumber
            destinationPort = destinationNumber
        } else if ipProtocol == .icmp || ipProtocol == .icmpv6 {
            icmpType = destinationNumber <= 255 ? UInt8(destinationNumber) : nil
        }
    }

    /// `10.0.0.1:80` or `[fd00::1]:80`.
    static func endpoint(_ message: UnsafeRawBufferPointer, _ word: Range<Int>, _ key: String) throws(CalicoRecordError)
        -> (IPAddress, UInt16)
    {
        let text = message.slice(word)
        var colon = text.count - 1
        while colon >= 0, text[colon] != UInt8(ascii: ":") { colon -= 1 }
        var addressRange = 0..<max(colon, 0)
        if text.first == UInt8(ascii: "["), colon > 1, text[colon - 1] == UInt8(ascii: "]") { addressRange = 1..<colon - 1 }
        guard colon > 0, let address = IPAddress(bytes: text.slice(addressRange)),
            let port = text.decimal(colon + 1..<text.count, limit: UInt64(UInt16.max))
        else {
            throw CalicoRecordError.field(key, "expected <address>:<port>, got \(quotedText(text))")
        }
        return (address, UInt16(port))
    }
}
