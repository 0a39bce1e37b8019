extension SyntheticCluster {
    /// Writes the snapshot as multi-document YAML, as `kubectl get … -o yaml` objects would read:
    /// namespaces, nodes, Deployments, ReplicaSets, Services, pods, then the policies.
    func writeYAML(to file: OutputFile) {
        for (index, name) in namespaces.enumerated() {
            file.write(
                """
                ---
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: \(name)
                  labels: {kubernetes.io/metadata.name: \(name), team: team-\(index % 5), env: \(index % 3 == 0 ? "prod" : "staging")}

                """)
        }
        for node in 0..<nodeCount {
            file.write(
                """
                ---
                apiVersion: v1
                kind: Node
                metadata:
                  name: \(nodeName(node))
                  labels: {kubernetes.io/hostname: \(nodeName(node))}
                status:
                  addresses:
                  - {type: InternalIP, address: \(nodeIP(node))}
                  - {type: Hostname, address: \(nodeName(node))}

                """)
        }
        for (index, app) in apps.enumerated() { writeWorkload(index, app, to: file) }
        for (index, pod) in pods.enumerated() { writePod(index, pod, to: file) }
        for policy in policies { file.write(policy.yaml(in: self)) }
    }

    private func writeWorkload(_ index: Int, _ app: App, to file: OutputFile) {
        let namespace = namespaces[app.namespace]
        file.write(
            """
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: \(app.name)
              namespace: \(namespace)
              labels: {app: \(app.name)}
            spec:
              replicas: \(replicas(of: index))
              selector:
                matchLabels: {app: \(app.name)}
              template:
                metadata:
                  labels: {app: \(app.name), tier: \(app.tier)}
                spec:
            \(containerYAML(app, indent: "      "))
            ---
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata:
              name: \(app.name)-\(app.templateHash)
              namespace: \(namespace)
              labels: {app: \(app.name), pod-template-hash: \(app.templateHash)}
              ownerReferences:
              - {apiVersion: apps/v1, kind: Deployment, name: \(app.name), controller: true}
            spec:
              replicas: \(replicas(of: index))
              selector:
                matchLabels: {app: \(app.name), pod-template-hash: \(app.templateHash)}
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: \(app.name)
              namespace: \(namespace)
            spec:
              clusterIP: \(serviceIP(index))
              selector: {app: \(app.name)}
              ports:
              - {name: http, port: 80, targetPort: http, protocol: TCP}

            """)
    }

    private func writePod(_ index: Int, _ pod: Pod, to file: OutputFile) {
        let app = apps[pod.app]
        file.write(
            """
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: \(pod.name)
              namespace: \(namespaces[app.namespace])
              labels: {app: \(app.name), tier: \(app.tier), pod-template-hash: \(app.templateHash)}
              ownerReferences:
              - {apiVersion: apps/v1, kind: ReplicaSet, name: \(app.name)-\(app.templateHash), controller: true}
            spec:
              nodeName: \(nodeName(pod.node))
            \(containerYAML(app, indent: "  "))
            status:
              phase: Running
              hostIP: \(nodeIP(pod.node))
              podIP: \(pod.ip)
              podIPs:
              - {ip: \(pod.ip)}

            """)
    }

    private func containerYAML(_ app: App, indent: String) -> String {
        """
        \(indent)containers:
        \(indent)- name: \(app.name)
        \(indent)  image: registry.example/\(app.name):1.0
        \(indent)  ports:
        \(indent)  - {name: http, containerPort: \(Self.httpPort), protocol: TCP}
        \(indent)  - {name: metrics, containerPort: \(Self.metricsPort), protocol: TCP}
        """
    }
}
