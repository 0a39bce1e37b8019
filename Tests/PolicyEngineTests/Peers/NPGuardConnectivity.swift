import DenyscopeCore

/// np-guard/netpol-analyzer's connectivity list (`list -o txt`): lines `src => dst : conns`, where a
/// peer is `ns/name[Kind]` or `a.b.c.d-e.f.g.h[External]` and conns is `All Connections` or
/// `TCP 8080,UDP 53,…` (a protocol name starts each group; ports or ranges follow).
struct NPGuardConnectivity {
    struct Line: Hashable {
        let source: String
        let destination: String
        let connections: Connections
    }

    /// The set of (protocol, port) a line allows.
    struct Connections: Hashable {
        let all: Bool
        let ranges: [IPProtocol: [ClosedRange<Int>]]

        func allows(_ proto: IPProtocol, _ port: Int) -> Bool {
            all || (ranges[proto] ?? []).contains { $0.contains(port) }
        }
    }

    let lines: [Line]

    init(text: String) {
        lines = text.split(separator: "\n").compactMap { raw in
            let parts = raw.components(separatedBy: " : ")
            guard parts.count == 2 else { return nil }
            let ends = parts[0].components(separatedBy: " => ")
            guard ends.count == 2 else { return nil }  // checked, so the subscripts below are in range
            return Line(source: ends[0], destination: ends[1], connections: Self.parse(parts[1]))
        }
    }

    /// External ranges named anywhere in the list, as `a.b.c.d-e.f.g.h[External]`.
    var externalPeers: Set<String> {
        Set(lines.flatMap { [$0.source, $0.destination] }.filter { $0.hasSuffix("[External]") })
    }

    /// Whether the list allows `proto`/`port` from `source` to `destination`. A peer is a workload
    /// name or an external address; np-guard splits external ranges per workload, so an address is
    /// allowed what any line whose range contains it allows.
    func allows(from source: Peer, to destination: Peer, _ proto: IPProtocol, _ port: Int) -> Bool {
        lines.contains { line in
            source.matches(line.source) && destination.matches(line.destination) && line.connections.allows(proto, port)
        }
    }

    /// One end of a connection as the list names it.
    enum Peer: Hashable, CustomStringConvertible {
        case workload(String)
        case external(IPAddress)

        func matches(_ listed: String) -> Bool {
            switch self {
            case .workload(let name): return name == listed
            case .external(let address):
                guard listed.hasSuffix("[External]"), let (first, last) = NPGuardConnectivity.range(listed) else { return false }
                return first <= address && address <= last
            }
        }

        var description: String {
            switch self {
            case .workload(let name): return name
            case .external(let address): return "\(address)[External]"
            }
        }
    }

    /// The first and last address of an external range `a-b[External]`.
    static func range(_ peer: String) -> (IPAddress, IPAddress)? {
        let bounds = peer.dropLast("[External]".count).split(separator: "-").compactMap { IPAddress($0) }
        guard bounds.count == 2 else { return nil }
        return (bounds[0], bounds[1])
    }

    private static func parse(_ text: String) -> Connections {
        if text == "All Connections" { return Connections(all: true, ranges: [:]) }
        var ranges: [IPProtocol: [ClosedRange<Int>]] = [:]
        var current: IPProtocol?
        for token in text.split(separator: ",") {
            var portText = Substring(token)
            let words = token.split(separator: " ")
            if words.count == 2, let proto = IPProtocol(name: words[0]) {
                current = proto
                portText = words[1]
            }
            guard let current else { continue }
            let bounds = portText.split(separator: "-").compactMap { Int($0) }
            if let low = bounds.first { ranges[current, default: []].append(low...(bounds.last ?? low)) }
        }
        return Connections(all: false, ranges: ranges)
    }
}
