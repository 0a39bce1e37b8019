import DenyscopeCore

/// Whether a rule's `ports` cover a connection, per the NetworkPolicy API reference:
/// - no entries: every port and protocol (ICMP included);
/// - an entry matches its protocol (TCP when omitted) and its port: a number, a number range up to
///   `endPort`, a named port resolved on the destination pod's container ports with the same
///   protocol, or, when the port is omitted, every port of the protocol.
enum PortMatching {
    static func mismatch(_ ports: [NetworkPolicyPort], connection: Connection) -> Mismatch? {
        guard !ports.isEmpty else { return nil }
        let destinationPorts = connection.destination.containerPorts
        for entry in ports where entry.protocol == connection.protocol {
            if covers(entry, port: connection.port, destinationPorts: destinationPorts) { return nil }
        }
        let otherProtocol = ports.contains {
            $0.protocol != connection.protocol && covers($0, port: connection.port, destinationPorts: destinationPorts)
        }
        if otherProtocol || !connection.protocol.hasPorts {
            return .protocol(ports, actual: connection.protocol, destination: destinationPorts)
        }
        return .port(ports, actual: connection.port, destination: destinationPorts)
    }

    /// Whether `entry`'s port value covers `port`, ignoring protocol for numbers but not for names.
    static func covers(_ entry: NetworkPolicyPort, port: UInt16?, destinationPorts: [ContainerPort]) -> Bool {
        guard let value = entry.port else { return port != nil }
        guard let port else { return false }
        switch value {
        case .number(let first):
            return first <= port && port <= (entry.endPort ?? first)
        case .named(let name):
            return resolve(name, protocol: entry.protocol, on: destinationPorts) == port
        }
    }

    /// The number of the container port called `name` with `protocol`, if the pod has one.
    static func resolve(_ name: String, protocol: IPProtocol, on ports: [ContainerPort]) -> UInt16? {
        ports.first { $0.name == name && $0.protocol == `protocol` }?.port
    }
}
