import DenyscopeCore

/// Where a kernel message sits in a log line, with what the wrapper around it says.
///
/// The wrappers (reference/calico-logs.md §1.3): rsyslog with RFC 3339 stamps or traditional BSD
/// (RFC 3164) stamps, RFC 5424 (`<PRI>1 stamp host app procid msgid sd msg`), `journalctl -k` in
/// `short`, `short-iso`, `short-precise` and `json` output, `dmesg` raw (`[ 1156.246182] `),
/// `dmesg -T` (`[Mon May 18 18:42:44 2020] `) and `dmesg -x` (`kern  :notice: [ …] `), and bare
/// messages. A syslog line may carry the kernel's uptime stamp after `kernel: ` as well.
struct KernelLogEnvelope {
    /// The kernel message: a range of the line, or decoded bytes (journal JSON `MESSAGE`).
    enum Message {
        case range(Range<Int>)
        case decoded([UInt8])
    }

    var message: Message
    /// Nanoseconds since the epoch, when the wrapper has a stamp with a date and a zone: RFC 3339
    /// (rsyslog, RFC 5424, `short-iso`) or the journal's `__REALTIME_TIMESTAMP`. BSD stamps
    /// have no year and `dmesg -T` no zone, and the uptime is no wall clock: those give `nil`.
    var time: Int64?
    /// The host name the wrapper gives (syslog, journal `_HOSTNAME`), as bytes of the line or decoded.
    var node: String?
}

/// Strips the wrappers of one line; see `KernelLogEnvelope`.
enum KernelLogWrapper {
    static let journalScanner = JSONFieldScanner(
        paths: JSONFieldPaths(dotted: [("MESSAGE", 0), ("__REALTIME_TIMESTAMP", 1), ("_HOSTNAME", 2)]))

    /// The envelope of `line`.
    ///
    /// - Throws: `CalicoRecordError` for a journal JSON line that is not valid JSON or has a
    ///   `MESSAGE` of the wrong type.
    static func envelope(
        of line: UnsafeRawBufferPointer, journalSlots: inout [JSONSpan?], hosts: inout HostNameCache
    ) throws(CalicoRecordError) -> KernelLogEnvelope {
        var start = skipSpaces(line, from: 0)
        guard start < line.count else { return KernelLogEnvelope(message: .range(start..<line.count)) }
        if line[start] == UInt8(ascii: "{") { return try journalJSON(line, slots: &journalSlots) }
        var time: Int64? = nil
        var node: String? = nil
        // `<PRI>` of RFC 3164/5424 lines received raw.
        if line[start] == UInt8(ascii: "<"), let close = line.firstOffset(of: UInt8(ascii: ">"), from: start),
            close - start <= 4, line.decimal(start + 1..<close, limit: 191) != nil
        {
            start = close + 1
            if line.matches("1 ", at: start) {
                return rfc5424(line, from: start + 2, hosts: &hosts)
            }
        }
        if line.matches("kern ", at: start) || line.matches("kern :", at: start) {
            // `dmesg -x`: `kern  :notice: [ 1156.246182] …`.
            var index = start
            for _ in 0..<2 {
                guard let colon = line.firstOffset(of: UInt8(ascii: ":"), from: index) else { break }
                index = colon + 1
            }
            start = skipSpaces(line, from: index)
        }
        if let stamp = isoStamp(line, from: start) {
            time = stamp.time
            (node, start) = hostAndTag(line, from: stamp.end, hosts: &hosts)
        } else if let end = bsdStampEnd(line, from: start) {
            (node, start) = hostAndTag(line, from: end, hosts: &hosts)
        }
        start = skipBracketStamp(line, from: start)
        return KernelLogEnvelope(message: .range(start..<line.count), time: time, node: node)
    }

    /// `2024-11-19T12:15:03.023805-08:00 ` (rsyslog) or `2024-09-25T03:36:35+0000 ` (`short-iso`).
    static func isoStamp(_ line: UnsafeRawBufferPointer, from start: Int) -> (time: Int64?, end: Int)? {
        guard start + 19 <= line.count, line[start + 4] == UInt8(ascii: "-"), line.decimal(start..<start + 4, limit: 9999) != nil,
            let space = line.firstOffset(of: UInt8(ascii: " "), from: start)
        else { return nil }
        return (RFC3339Stamp.nanoseconds(line.slice(start..<space)), space + 1)
    }

    private static let months: [StaticString] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The end of a BSD stamp `Sep 25 03:36:35 ` or `Apr  3 10:12:30.123456 ` (`short-precise`).
    static func bsdStampEnd(_ line: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard start + 15 <= line.count, line[start + 3] == UInt8(ascii: " "),
            months.contains(where: { line.matches($0, at: start) })
        else { return nil }
        var index = skipSpaces(line, from: start + 4)
        let dayStart = index
        while index < line.count, isDigit(line[index]) { index += 1 }
        guard index > dayStart, index - dayStart <= 2, index < line.count, line[index] == UInt8(ascii: " ") else { return nil }
        index += 1
        let clock = index
        guard clock + 8 <= line.count, line[clock + 2] == UInt8(ascii: ":"), line[clock + 5] == UInt8(ascii: ":") else { return nil }
        index = clock + 8
        if index < line.count, line[index] == UInt8(ascii: ".") {
            index += 1
            while index < line.count, isDigit(line[index]) { index += 1 }
        }
        guard index < line.count, line[index] == UInt8(ascii: " ") else { return nil }
        return index + 1
    }

    /// After a stamp: `host tag: ` → the host and the offset of the message. A tag is a word
    /// ending in `:` (`kernel:`, `kernel[0]:`) without `=`; without one, the message starts at the host.
    static func hostAndTag(_ line: UnsafeRawBufferPointer, from start: Int, hosts: inout HostNameCache) -> (String?, Int) {
        let hostStart = skipSpaces(line, from: start)
        guard let hostEnd = line.firstOffset(of: UInt8(ascii: " "), from: hostStart) else { return (nil, hostStart) }
        let host = hosts.name(line.slice(hostStart..<hostEnd))
        let tagStart = hostEnd + 1
        guard let tagEnd = line.firstOffset(of: UInt8(ascii: " "), from: tagStart), tagEnd > tagStart,
            line[tagEnd - 1] == UInt8(ascii: ":"), line.slice(tagStart..<tagEnd).firstIndex(of: UInt8(ascii: "=")) == nil
        else { return (host, tagStart) }
        return (host, tagEnd + 1)
    }

    /// RFC 5424 after `<PRI>1 `: `stamp host app procid msgid sd msg`.
    static func rfc5424(_ line: UnsafeRawBufferPointer, from start: Int, hosts: inout HostNameCache) -> KernelLogEnvelope {
        var fields: [Range<Int>] = []
        var index = start
        while fields.count < 5, let space = line.firstOffset(of: UInt8(ascii: " "), from: index) {
            fields.append(index..<space)
            index = space + 1
        }
        guard fields.count == 5 else { return KernelLogEnvelope(message: .range(start..<line.count)) }
        // Structured data: `-` or one or more `[…]` elements.
        if index < line.count, line[index] == UInt8(ascii: "-") {
            index += 1
        } else {
            while index < line.count, line[index] == UInt8(ascii: "["),
                let close = line.firstOffset(of: UInt8(ascii: "]"), from: index)
            {
                index = close + 1
            }
        }
        index = skipSpaces(line, from: index)
        if line.matches("\u{FEFF}", at: index) { index += 3 }
        let time = line.matches("-", at: fields[0].lowerBound) ? nil : RFC3339Stamp.nanoseconds(line.slice(fields[0]))
        let host = line.slice(fields[1])
        let node = host.count == 1 && host[0] == UInt8(ascii: "-") ? nil : hosts.name(host)
        return KernelLogEnvelope(message: .range(skipBracketStamp(line, from: index)..<line.count), time: time, node: node)
    }

    /// `journalctl -o json`: the message is `MESSAGE` (a string, or an array of byte values for
    /// messages that are not UTF-8), the time `__REALTIME_TIMESTAMP` (µs), the host `_HOSTNAME`.
    static func journalJSON(_ line: UnsafeRawBufferPointer, slots: inout [JSONSpan?]) throws(CalicoRecordError) -> KernelLogEnvelope {
        do {
            try journalScanner.scan(line, into: &slots)
        } catch {
            throw CalicoRecordError(.syntax, "invalid JSON: \(error)")
        }
        var bytes: [UInt8]
        switch slots[0] {
        case let span? where span.kind == .string:
            bytes = span.hasEscapes ? JSONSpan.unescape(span.rawBytes(in: line)) : Array(span.rawBytes(in: line))
        case let span? where span.kind == .array:
            bytes = []
            let elements: [JSONSpan]
            do {
                elements = try journalScanner.elements(of: span, in: line)
            } catch {
                throw CalicoRecordError.field("MESSAGE", "\(error)")
            }
            for element in elements {
                guard let value = element.integer(in: line), (0...255).contains(value) else {
                    throw CalicoRecordError.field("MESSAGE", "expected byte values from 0 to 255")
                }
                bytes.append(UInt8(value))
            }
        case let span?:
            throw CalicoRecordError.field("MESSAGE", "expected string, got \(span.kind)")
        case nil:
            bytes = []
        }
        var time: Int64? = nil
        if let span = slots[1], span.kind != .null {
            guard let micros = span.integer(in: line), micros >= 0, micros < Int64.max / 1000 else {
                throw CalicoRecordError.field("__REALTIME_TIMESTAMP", "expected microseconds since the epoch")
            }
            time = micros * 1000
        }
        let node = slots[2].flatMap { $0.string(in: line) }
        // A kernel message in the journal may still start with its uptime stamp.
        let skipped = bytes.withUnsafeBytes { skipBracketStamp($0, from: skipSpaces($0, from: 0)) }
        if skipped > 0 { bytes.removeFirst(skipped) }
        return KernelLogEnvelope(message: .decoded(bytes), time: time, node: node)
    }

    /// Skips a leading `[ 1156.246182] ` uptime or `[Mon May 18 18:42:44 2020] ` `dmesg -T` stamp:
    /// a bracket that closes before any `=`.
    static func skipBracketStamp(_ line: UnsafeRawBufferPointer, from start: Int) -> Int {
        guard start < line.count, line[start] == UInt8(ascii: "["),
            let close = line.firstOffset(of: UInt8(ascii: "]"), from: start), close - start <= 40
        else { return start }
        for index in start..<close where line[index] == UInt8(ascii: "=") { return start }
        return skipSpaces(line, from: close + 1)
    }

    @inline(__always) static func skipSpaces(_ line: UnsafeRawBufferPointer, from start: Int) -> Int {
        var index = start
        while index < line.count, line[index] == 0x20 || line[index] == 0x09 { index += 1 }
        return index
    }
}

/// Host names decoded before, by their bytes: each distinct name is decoded once per parser
/// instead of once per line. A node's own log names one host; a log collector's file names
/// every node of the cluster, so names are found by hash, and up to a bound.
struct HostNameCache {
    private var names = ByteKeyedCache<String>(maxSlots: 4096)

    /// The host name `bytes` spell (decoded as UTF-8, invalid bytes replaced).
    mutating func name(_ bytes: UnsafeRawBufferPointer) -> String {
        names.value(bytes) { String(decoding: $0, as: UTF8.self) }
    }
}
