import Foundation

/// Synthetic Hubble flow JSON lines in the layout of the real samples (reference/perf-baselines.md):
/// wrapper with `flow`, `node_name`, `time`; 4–5 `k8s:` labels per side; 10 namespaces × 6 apps × 3 pods.
/// Mix: 70% FORWARDED, 25% DROPPED (20% POLICY_DENIED, 3% POLICY_DENY, 1% INVALID_SOURCE_IP,
/// 1% UNSUPPORTED_L3_PROTOCOL), 5% AUDIT; 85% TCP, 12% UDP, 3% ICMPv4.
struct SyntheticHubble {
    let seed: UInt64

    /// Writes lines to `path` until it holds at least `bytes` bytes; returns the line count.
    func write(to path: String, bytes target: Int) throws -> Int {
        FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteUnknown) }
        defer { try? handle.close() }
        var random = SplitMix64(seed: seed)
        var buffer = ""
        buffer.reserveCapacity(9 << 20)
        var written = 0
        var lines = 0
        var time: Int64 = 1_767_225_600_000_000_000
        while written < target {
            time += Int64(random.next(below: 2_000_000))
            buffer += line(&random, time: time)
            buffer += "\n"
            lines += 1
            if buffer.utf8.count >= 8 << 20 {
                let data = Data(buffer.utf8)
                handle.write(data)
                written += data.count
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if !buffer.isEmpty { handle.write(Data(buffer.utf8)) }
        return lines
    }

    private func pod(_ random: inout SplitMix64) -> (namespace: String, app: String, name: String, ip: String, identity: Int) {
        let namespace = random.next(below: 10)
        let app = random.next(below: 6)
        let replica = random.next(below: 3)
        let names = ["web", "api", "db", "cache", "worker", "gateway"]
        return (
            "team-\(namespace)", names[app], "\(names[app])-7c8d9f\(app)\(namespace)-x\(replica)k",
            "10.\(namespace).\(app).\(10 + replica)", 10_000 + namespace * 100 + app
        )
    }

    private func endpoint(_ pod: (namespace: String, app: String, name: String, ip: String, identity: Int), id: Int) -> String {
        """
        {"ID":\(id),"identity":\(pod.identity),"namespace":"\(pod.namespace)","labels":["k8s:app=\(pod.app)",\
        "k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=\(pod.namespace)",\
        "k8s:io.cilium.k8s.policy.cluster=default","k8s:io.cilium.k8s.policy.serviceaccount=\(pod.app)",\
        "k8s:io.kubernetes.pod.namespace=\(pod.namespace)"],"pod_name":"\(pod.name)",\
        "workloads":[{"name":"\(pod.app)","kind":"Deployment"}]}
        """
    }

    private func line(_ random: inout SplitMix64, time: Int64) -> String {
        let source = pod(&random)
        let destination = pod(&random)
        let roll = random.next(below: 100)
        let verdict: String
        var extra = ""
        var eventType = #"{"type":4,"sub_type":3}"#
        switch roll {
        case 0..<70: verdict = "FORWARDED"
        case 70..<90:
            verdict = "DROPPED"
            extra = #","drop_reason":133,"drop_reason_desc":"POLICY_DENIED""#
            eventType = random.next(below: 2) == 0 ? #"{"type":5}"# : #"{"type":1,"sub_type":133}"#
        case 90..<93:
            verdict = "DROPPED"
            extra = #","drop_reason":181,"drop_reason_desc":"POLICY_DENY""#
            eventType = #"{"type":5}"#
        case 93..<94:
            verdict = "DROPPED"
            extra = #","drop_reason":132,"drop_reason_desc":"INVALID_SOURCE_IP""#
            eventType = #"{"type":1,"sub_type":132}"#
        case 94..<95:
            verdict = "DROPPED"
            extra = #","drop_reason":139,"drop_reason_desc":"UNSUPPORTED_L3_PROTOCOL""#
            eventType = #"{"type":1,"sub_type":139}"#
        default:
            verdict = "AUDIT"
            eventType = #"{"type":5}"#
        }
        let ports = [80, 443, 5432, 6379, 8080, 9090]
        let protocolRoll = random.next(below: 100)
        let l4: String
        let summary: String
        if protocolRoll < 85 {
            l4 =
                #"{"TCP":{"source_port":\#(30_000 + random.next(below: 30_000)),"destination_port":\#(ports[random.next(below: ports.count)]),"flags":{"SYN":true}}}"#
            summary = "TCP Flags: SYN"
        } else if protocolRoll < 97 {
            l4 = #"{"UDP":{"source_port":\#(30_000 + random.next(below: 30_000)),"destination_port":53}}"#
            summary = "UDP"
        } else {
            l4 = #"{"ICMPv4":{"type":8}}"#
            summary = "ICMPv4 EchoRequest"
        }
        let seconds = time / 1_000_000_000
        let stamp = rfc3339(seconds: seconds, nanoseconds: Int(time % 1_000_000_000))
        let node = "default/node-\(random.next(below: 8))"
        let direction = random.next(below: 2) == 0 ? "INGRESS" : "EGRESS"
        let uuid = String(random.next(), radix: 16)
        return """
            {"flow":{"time":"\(stamp)","uuid":"\(uuid)-4c1a-9a55-\(uuid.prefix(12))","verdict":"\(verdict)",\
            "ethernet":{"source":"46:e5:ea:1f:95:ff","destination":"d6:ec:b0:4a:ff:46"},\
            "IP":{"source":"\(source.ip)","destination":"\(destination.ip)","ipVersion":"IPv4"},"l4":\(l4),\
            "source":\(endpoint(source, id: 1000 + source.identity % 997)),"destination":\(endpoint(destination, id: 2000 + destination.identity % 991)),\
            "Type":"L3_L4","node_name":"\(node)","event_type":\(eventType),"traffic_direction":"\(direction)"\(extra),\
            "is_reply":false,"Summary":"\(summary)"},"node_name":"\(node)","time":"\(stamp)"}
            """
    }

    private func rfc3339(seconds: Int64, nanoseconds: Int) -> String {
        let days = Int(seconds / 86_400)
        let rest = Int(seconds % 86_400)
        // Civil date from days since the epoch (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return
            "\(year)-\(pad(month, 2))-\(pad(day, 2))T\(pad(rest / 3600, 2)):\(pad(rest / 60 % 60, 2)):\(pad(rest % 60, 2)).\(pad(nanoseconds, 9))Z"
    }
}
