import DenyscopeCore

/// Finds the snapshot object behind a name or an address.
struct EndpointDirectory: Sendable {
    private struct PodKey: Hashable {
        let namespace: String
        let name: String
    }

    private let pods: [Pod]
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

    /// The pod of a `namespace/name` query: the pod of that name, else the first pod of the workload.
    func pod(namespace: String, name: String) -> (pod: Pod, workload: WorkloadReference?)? {
        let key = PodKey(namespace: namespace, name: name)
        guard let position = podByName[key] ?? podsByWorkload[key]?.first else { return nil }
        return (pods[position], workloads[position])
    }

    /// The pod (not host-network) that owns `address`.
    func pod(at address: IPAddress) -> (pod: Pod, workload: WorkloadReference?)? {
        podByIP[address].map { (pods[$0], workloads[$0]) }
    }

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
