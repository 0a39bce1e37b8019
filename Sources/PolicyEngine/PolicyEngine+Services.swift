import DenyscopeCore

extension PolicyEngine {
    /// Where a connection to a Service's cluster IP lands, as kube-proxy translates it: the first
    /// pod (by name) of the Service's namespace that its selector selects and that serves the port,
    /// and the port on that pod (`targetPort`, a number or the pod's container port of that name).
    ///
    /// Policies apply to the pod, not the ClusterIP, so a capture taken before the translation
    /// (on the client's interface) is decided on this backend. Which replica served a connection
    /// is not in the record; replicas of one workload share their policies.
    /// - Returns: `nil` when `address` is no Service's cluster IP or no backend serves `port`.
    public func serviceBackend(address: IPAddress, port: UInt16, protocol proto: IPProtocol) -> (endpoint: Endpoint, port: UInt16)? {
        guard !services.isEmpty, let service = services.service(at: address), let selector = service.selector,
            let servicePort = service.ports.first(where: { $0.port == port && $0.protocol == proto })
        else { return nil }
        for pod in directory.pods
        where pod.namespace == service.namespace && !pod.hostNetwork && !pod.isFromTemplate && !pod.ips.isEmpty
            && selector.allSatisfy({ pod.labels[$0.key] == $0.value })
        {
            let target: UInt16?
            switch servicePort.targetPort {
            case .number(let number): target = number
            case .named(let name): target = pod.containerPorts.first { $0.name == name && $0.protocol == proto }?.port
            }
            guard let target else { continue }
            let endpoint = Endpoint(kind: .pod, namespace: pod.namespace, pod: pod.name, ip: pod.ips.first)
            return (endpoint, target)
        }
        return nil
    }
}
