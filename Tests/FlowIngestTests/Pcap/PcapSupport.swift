import DenyscopeCore
import DenyscopeTestSupport
import FlowIngest

/// The flows and stats of one capture read through `PcapReader`.
func readCapture(_ path: String, options: PcapOptions = PcapOptions()) throws -> IngestResult {
    var flows: [Flow] = []
    let stats = try PcapReader(options: options).read(path: path) { flows += $0 }
    return IngestResult(flows: flows, stats: stats)
}

/// One flow as a compact line: `tcp 10.244.1.11:40001 > 10.244.1.20:80 established`.
func summary(_ flow: Flow) -> String {
    let proto = flow.ipProtocol.map { $0.rawValue.lowercased() } ?? "?"
    func side(_ endpoint: Endpoint, _ port: UInt16?) -> String {
        let ip = endpoint.ip.map { "\($0)" } ?? "?"
        guard let port else { return ip }
        return ip.contains(":") ? "[\(ip)]:\(port)" : "\(ip):\(port)"
    }
    let outcome = flow.observed.inferred.map { $0.kind.rawValue } ?? "-"
    return "\(proto) \(side(flow.source, flow.sourcePort)) > \(side(flow.destination, flow.destinationPort)) \(outcome)"
}
