import DenyscopeCore

/// Finds the snapshot object behind a name or an address.
struct EndpointDirectory: Sendable {
    private struct PodKey: Hashable {
        let namespace: String
        let name: String
    }

    /// The snapshot's pods sorted by namespace and name; lookups return positions in this array.
    let pods: [Pod]
    private let workloads: [WorkloadReference?]
    private let podByName: [PodKey: Int]
    private let podsByWorkload: [PodKey: [Int]]
    private let podByIP: [IPAddress: Int]
    private let hostAddresses: Set<IPAddress>

    init(cluster: ClusterState) {
        pods = cluster.pods.sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
        let index = WorkloadIndex(cluster.workloads)
        workloads = pods.map(index.workload(of:))
        var byName: [PodKey: Int] = [:]
        var byWorkload: [PodKey: [Int]] = [:]
        var byIP: [IPAddress: Int] = [:]
        var hosts = Set(cluster.nodes.flatMap(\.addresses))
        for (position, pod) in pods.enumerated() {
            byName[PodKey(namespace: pod.namespace, name: pod.name)] = position
            if let workload = workloads[position] {
                byWorkload[PodKey(namespace: pod.namespace, name: workload.name), default: []].append(position)
            }
            if let hostIP = pod.hostIP { hosts.insert(hostIP) }
            if pod.hostNetwork {
                hosts.formUnion(pod.ips)
            } else {
                for ip in pod.ips where byIP[ip] == nil { byIP[ip] = position }
            }
        }
        podByName = byName
        podsByWorkload = byWorkload
        podByIP = byIP
        hostAddresses = hosts
    }

    var podCount: Int { pods.count }

    /// The position of the pod a `namespace/name` query names: the pod of that name, else the first
    /// pod of the workload of that name.
    func position(namespace: String, name: String) -> Int? {
        let key = PodKey(namespace: namespace, name: name)
        return podByName[key] ?? podsByWorkload[key]?.first
    }

    /// The position of the pod (not host-network) that owns `address`.
    func position(of address: IPAddress) -> Int? { podByIP[address] }

    /// The workload of the pod at `position`.
    func workload(at position: Int) -> WorkloadReference? { workloads[position] }

    func isHost(_ address: IPAddress) -> Bool { hostAddresses.contains(address) }

    /// Up to five pod or workload names in `namespace` that share a prefix with `name`, best first.
    func suggestions(namespace: String, name: String) -> [String] {
        var candidates = Set(pods.filter { $0.namespace == namespace }.map(\.name))
        for (key, _) in podsByWorkload where key.namespace == namespace { candidates.insert(key.name) }
        func commonPrefix(_ other: String) -> Int { zip(name, other).prefix { $0 == $1 }.count }
        return
            candidates
            .map { (name: $0, score: commonPrefix($0)) }
            .filter { $0.score > 0 || candidates.count <= 5 }
            .sorted { ($1.score, $0.name) < ($0.score, $1.name) }
            .prefix(5)
            .map { "\(namespace)/\($0.name)" }
    }

    func hasNamespace(_ namespace: String) -> Bool { pods.contains { $0.namespace == namespace } }
}
