import CPcap
import Foundation

/// Writes a synthetic Ethernet/IPv4 capture through libpcap's dump API
/// (`pcap_open_dead` + `pcap_dump_open` + `pcap_dump`), in the mix of
/// reference/perf-baselines.md: 60% allowed attempts (SYN, SYN-ACK, ACK, data, ACK), 30% silent
/// drops (SYN + 1–3 retransmissions one second apart), 10% rejected (SYN, ICMP 3/13 quoting it).
/// 464 clients talk to 80 servers on 5 ports; one attempt starts every 100 µs.
struct SyntheticPcap {
    var seed: UInt64

    /// Writes at least `packets` packets to `path`; returns how many were written.
    func write(to path: String, packets target: Int) throws -> Int {
        guard let dead = pcap_open_dead_with_tstamp_precision(DLT_EN10MB, 262_144, UInt32(PCAP_TSTAMP_PRECISION_NANO)),
            let dumper = pcap_dump_open(dead, path)
        else { throw CocoaError(.fileWriteUnknown) }
        defer {
            pcap_dump_close(dumper)
            pcap_close(dead)
        }
        let user = UnsafeMutableRawPointer(dumper).assumingMemoryBound(to: UInt8.self)
        var written = 0
        func dump(_ frame: [UInt8], at time: Int64) {
            var header = pcap_pkthdr()
            header.ts.tv_sec = Int(time / 1_000_000_000)
            header.ts.tv_usec = Int(time % 1_000_000_000)
            header.caplen = UInt32(frame.count)
            header.len = UInt32(frame.count)
            frame.withUnsafeBufferPointer { pcap_dump(user, &header, $0.baseAddress) }
            written += 1
        }
        // Retransmissions due later, one FIFO per retry (each in time order).
        var retries: [[(time: Int64, frame: [UInt8])]] = [[], [], []]
        var heads = [0, 0, 0]
        func flush(until now: Int64) {
            while true {
                var best = -1
                for queue in 0..<3 where heads[queue] < retries[queue].count && retries[queue][heads[queue]].time <= now {
                    if best < 0 || retries[queue][heads[queue]].time < retries[best][heads[best]].time { best = queue }
                }
                guard best >= 0 else { break }
                let item = retries[best][heads[best]]
                dump(item.frame, at: item.time)
                heads[best] += 1
                if heads[best] > 4096 {
                    retries[best].removeFirst(heads[best])
                    heads[best] = 0
                }
            }
        }
        var random = seed
        func next() -> UInt64 {
            random &+= 0x9E37_79B9_7F4A_7C15
            var z = random
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var time: Int64 = 1_795_419_046 * 1_000_000_000
        var attempt: UInt32 = 0
        let ports: [UInt16] = [80, 443, 5432, 8080, 9090]
        while written < target {
            attempt &+= 1
            time += 100_000
            flush(until: time)
            let client: UInt32 = 0x0A01_0000 | UInt32(next() % 464)
            let server: UInt32 = 0x0A02_0000 | UInt32(next() % 80)
            let sport = UInt16(32768 + attempt % 28000)
            let dport = ports[Int(next() % 5)]
            let isn = UInt32(truncatingIfNeeded: next())
            let syn = Frame.tcp(client, server, sport, dport, seq: isn, ack: 0, flags: 0x02, id: UInt16(truncatingIfNeeded: attempt))
            dump(syn, at: time)
            let roll = next() % 10
            if roll < 6 {
                let serverISN = UInt32(truncatingIfNeeded: next())
                dump(Frame.tcp(server, client, dport, sport, seq: serverISN, ack: isn &+ 1, flags: 0x12, id: 0), at: time + 50_000)
                dump(Frame.tcp(client, server, sport, dport, seq: isn &+ 1, ack: serverISN &+ 1, flags: 0x10, id: 1), at: time + 60_000)
                dump(
                    Frame.tcp(client, server, sport, dport, seq: isn &+ 1, ack: serverISN &+ 1, flags: 0x18, id: 2, payload: 64),
                    at: time + 70_000)
                dump(Frame.tcp(server, client, dport, sport, seq: serverISN &+ 1, ack: isn &+ 65, flags: 0x10, id: 1), at: time + 90_000)
            } else if roll < 9 {
                for retry in 0..<Int(1 + next() % 3) {
                    retries[retry].append((time + Int64(retry + 1) * 1_000_000_000, syn))
                }
            } else {
                let quoted = Array(syn[14..<(14 + 28)])
                dump(Frame.icmpError(from: server, to: client, type: 3, code: 13, quoting: quoted), at: time + 40_000)
            }
        }
        flush(until: .max)
        return written
    }
}

/// Ethernet/IPv4 frames for the synthetic capture.
enum Frame {
    static func append16(_ bytes: inout [UInt8], _ value: UInt16) {
        bytes.append(UInt8(value >> 8))
        bytes.append(UInt8(value & 0xFF))
    }

    static func append32(_ bytes: inout [UInt8], _ value: UInt32) {
        append16(&bytes, UInt16(value >> 16))
        append16(&bytes, UInt16(value & 0xFFFF))
    }

    static func ipv4(_ source: UInt32, _ destination: UInt32, proto: UInt8, id: UInt16, payloadLength: Int) -> [UInt8] {
        var frame: [UInt8] = [0x02, 0x42, 0xAC, 0x12, 0, 3, 0x02, 0x42, 0xAC, 0x12, 0, 2, 0x08, 0x00, 0x45, 0]
        frame.reserveCapacity(14 + 20 + payloadLength)
        append16(&frame, UInt16(20 + payloadLength))
        append16(&frame, id)
        frame += [0x40, 0, 64, proto, 0, 0]
        append32(&frame, source)
        append32(&frame, destination)
        return frame
    }

    static func tcp(
        _ source: UInt32, _ destination: UInt32, _ sport: UInt16, _ dport: UInt16, seq: UInt32, ack: UInt32, flags: UInt8, id: UInt16,
        payload: Int = 0
    ) -> [UInt8] {
        let options = flags == 0x02 || flags == 0x12 ? 20 : 0
        var frame = ipv4(source, destination, proto: 6, id: id, payloadLength: 20 + options + payload)
        append16(&frame, sport)
        append16(&frame, dport)
        append32(&frame, seq)
        append32(&frame, ack)
        frame += [UInt8((20 + options) / 4) << 4, flags, 0xFA, 0xF0, 0, 0, 0, 0]
        if options > 0 { frame += [2, 4, 5, 0xB4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7] }
        frame += Array(repeating: 0x61, count: payload)
        return frame
    }

    static func icmpError(from source: UInt32, to destination: UInt32, type: UInt8, code: UInt8, quoting quoted: [UInt8]) -> [UInt8] {
        var frame = ipv4(source, destination, proto: 1, id: 0, payloadLength: 8 + quoted.count)
        frame += [type, code, 0, 0, 0, 0, 0, 0] + quoted
        return frame
    }
}
