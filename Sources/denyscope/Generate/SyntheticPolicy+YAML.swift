extension SyntheticPolicy {
    /// The policy as a YAML document in the cluster's dialect.
    func yaml(in cluster: SyntheticCluster) -> String {
        switch cluster.dialect {
        case .kubernetes: return kubernetesYAML(cluster)
        case .cilium: return ciliumYAML(cluster)
        case .calico: return calicoYAML(cluster)
        }
    }

    /// The namespace the policy lives in: the target application's.
    func namespace(in cluster: SyntheticCluster) -> String {
        switch shape {
        case .defaultDeny(let namespace): return cluster.namespaces[namespace]
        case .allow(let target, _, _), .deny(let target, _, _): return cluster.namespaces[cluster.apps[target].namespace]
        }
    }

    private func kubernetesYAML(_ cluster: SyntheticCluster) -> String {
        let header =
            "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: \(name), namespace: \(namespace(in: cluster))}\n"
        guard let rule else { return header + "spec:\n  podSelector: {}\n  policyTypes: [Ingress]\n" }
        let peer = cluster.apps[rule.peer]
        // The API port by its container port name, so the snapshot exercises named-port resolution.
        let port = rule.port == SyntheticCluster.httpPort ? "http" : "\(rule.port)"
        return header
            + """
            spec:
              podSelector: {matchLabels: {app: \(cluster.apps[rule.target].name)}}
              policyTypes: [Ingress]
              ingress:
              - from:
                - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: \(cluster.namespaces[peer.namespace])}}
                  podSelector: {matchLabels: {app: \(peer.name)}}
                ports:
                - {protocol: TCP, port: \(port)}

            """
    }

    private func ciliumYAML(_ cluster: SyntheticCluster) -> String {
        let header =
            "---\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: \(name), namespace: \(namespace(in: cluster))}\n"
        guard let rule else { return header + "spec:\n  endpointSelector: {}\n  ingress:\n  - {}\n" }
        let peer = cluster.apps[rule.peer]
        let section: String
        if case .deny = shape { section = "ingressDeny" } else { section = "ingress" }
        return header
            + """
            spec:
              endpointSelector: {matchLabels: {app: \(cluster.apps[rule.target].name)}}
              \(section):
              - fromEndpoints:
                - matchLabels: {app: \(peer.name), io.kubernetes.pod.namespace: \(cluster.namespaces[peer.namespace])}
                toPorts:
                - ports:
                  - {port: "\(rule.port)", protocol: TCP}

            """
    }

    private func calicoYAML(_ cluster: SyntheticCluster) -> String {
        let header =
            "---\napiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: \(name), namespace: \(namespace(in: cluster))}\n"
        guard let rule else { return header + "spec:\n  order: 1000\n  selector: all()\n  types: [Ingress]\n" }
        let peer = cluster.apps[rule.peer]
        let action: String
        let order: Int
        if case .deny = shape { (action, order) = ("Deny", 50) } else { (action, order) = ("Allow", 100) }
        return header
            + """
            spec:
              order: \(order)
              selector: app == '\(cluster.apps[rule.target].name)'
              types: [Ingress]
              ingress:
              - action: \(action)
                protocol: TCP
                source:
                  selector: app == '\(peer.name)'
                  namespaceSelector: kubernetes.io/metadata.name == '\(cluster.namespaces[peer.namespace])'
                destination:
                  ports: [\(rule.port)]

            """
    }
}
