import DenyscopeCore

extension PolicyEngine {
    /// Resolves an endpoint as a traffic record describes it.
    ///
    /// In order: a pod the snapshot has by namespace and name; else the snapshot's pod with the
    /// record's address; else, for a pod the snapshot lacks, an identity built from the record's
    /// own namespace and labels (so Hubble and Calico flow logs explain pods that are gone); else
    /// the address as a node or an external address; else the endpoint as recorded, which no
    /// pod selector selects.
    /// - Complexity: hashing of the name or address; an identity of the record's labels costs a
    ///   selection over the policies of its namespace — callers should cache per endpoint.
    public func resolve(recorded endpoint: Endpoint) -> ResolvedEndpoint {
        if let namespace = endpoint.namespace, let pod = endpoint.pod, let position = directory.position(namespace: namespace, name: pod) {
            return podEndpoint(at: position, address: endpoint.ip ?? directory.pods[position].ips.first)
        }
        if let ip = endpoint.ip, let position = directory.position(of: ip) {
            return podEndpoint(at: position, address: ip)
        }
        if endpoint.kind == .pod, let namespace = endpoint.namespace, let labels = endpoint.labels {
            var table = IdentityTable()
            let pod = Pod(namespace: namespace, name: endpoint.pod ?? "", labels: labels)
            return ResolvedEndpoint(endpoint: endpoint, identity: table.intern(pod, dialect: dialect, namespaces: namespaces))
        }
        if let ip = endpoint.ip {
            let kind: Endpoint.Kind = directory.isHost(ip) || endpoint.kind == .host ? .host : .world
            var resolved = endpoint
            resolved.kind = kind
            return ResolvedEndpoint(endpoint: resolved, identity: nil)
        }
        return ResolvedEndpoint(endpoint: endpoint, identity: nil)
    }
}
