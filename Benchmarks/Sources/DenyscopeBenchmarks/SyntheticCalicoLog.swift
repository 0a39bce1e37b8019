import Foundation

/// Synthetic Calico `LOG` lines in the layout of the docs' rsyslog sample (reference/calico-logs.md
/// §1.3; reference/perf-baselines.md "Calico LOG"): RFC 3339 stamp, host, `kernel: calico-packet: `,
/// then the kernel fields. 180 pods on 6 nodes talk to 80 servers on 5 ports; mix 85% TCP SYN
/// (a third of them retransmitted once or twice), 12% UDP with the second `LEN=`, 3% ICMP echo.
struct SyntheticCalicoLog {
    let seed: UInt64

    /// Writes `count` lines to `path`; returns the byte count.
    func write(to path: String, lines count: Int) throws -> Int {
        FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteUnknown) }
        defer { try? handle.close() }
        var random = SplitMix64(seed: seed)
        var buffer = ""
        buffer.reserveCapacity(9 << 20)
        var written = 0
        var seconds: Int64 = 1_767_225_600
        var lines = 0
        while lines < count {
            seconds += Int64(random.next(below: 2))
            let copies = random.next(below: 10) < 3 ? 1 + random.next(below: 2) : 0
            let text = line(&random, seconds: seconds)
            for _ in 0...copies where lines < count {
                buffer += text
                lines += 1
            }
            if buffer.utf8.count >= 8 << 20 {
                let data = Data(buffer.utf8)
                handle.write(data)
                written += data.count
                buffer.removeAll(keepingCapacity: true)
            }
        }
        let data = Data(buffer.utf8)
        handle.write(data)
        return written + data.count
    }

    private func line(_ random: inout SplitMix64, seconds: Int64) -> String {
        let pod = random.next(below: 180)
        let node = pod % 6
        let source = "10.244.\(node).\(10 + pod / 6)"
        let server = random.next(below: 80)
        let destination = "10.244.\(6 + server % 4).\(100 + server / 4)"
        let interface = "cali" + String(format: "%011x", 0x5_27b0_801e + pod * 7919)
        let micros = random.next(below: 1_000_000)
        let stamp =
            "2026-01-01T\(pad(Int(seconds / 3600 % 24))):\(pad(Int(seconds / 60 % 60))):\(pad(Int(seconds % 60))).\(String(format: "%06d", micros))+00:00"
        let head =
            "\(stamp) node-\(node) kernel: calico-packet: IN=\(interface) OUT=eth0 MAC=ee:ee:ee:ee:ee:ee:1e:0a:36:33:f5:09:08:00 SRC=\(source) DST=\(destination) "
        let id = random.next(below: 65536)
        let port = 32768 + random.next(below: 28000)
        let kind = random.next(below: 100)
        if kind < 85 {
            let service = [80, 443, 5432, 6379, 8080][server % 5]
            return head
                + "LEN=60 TOS=0x00 PREC=0x00 TTL=63 ID=\(id) DF PROTO=TCP SPT=\(port) DPT=\(service) WINDOW=64860 RES=0x00 SYN URGP=0 \n"
        }
        if kind < 97 {
            return head + "LEN=96 TOS=0x00 PREC=0x00 TTL=63 ID=\(id) DF PROTO=UDP SPT=\(port) DPT=53 LEN=76 \n"
        }
        return head + "LEN=84 TOS=0x00 PREC=0x00 TTL=63 ID=\(id) DF PROTO=ICMP TYPE=8 CODE=0 ID=\(port) SEQ=1 \n"
    }

    private func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
