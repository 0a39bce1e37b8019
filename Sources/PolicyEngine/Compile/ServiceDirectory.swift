import DenyscopeCore

/// The snapshot's Services by cluster IP (those with a selector: the others' endpoints are not in
/// a snapshot), to follow a connection a capture saw to a ClusterIP to the pod it reached.
struct ServiceDirectory: Sendable {
    private let byAddress: [IPAddress: Service]

    init(cluster: ClusterState) {
        var byAddress: [IPAddress: Service] = [:]
        for service in cluster.services where service.selector != nil {
            for address in service.clusterIPs where byAddress[address] == nil { byAddress[address] = service }
        }
        self.byAddress = byAddress
    }

    var isEmpty: Bool { byAddress.isEmpty }

    func service(at address: IPAddress) -> Service? { byAddress[address] }
}
