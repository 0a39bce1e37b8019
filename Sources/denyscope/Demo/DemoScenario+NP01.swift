extension DemoScenario {
    /// NP-01: `web-deny-all` selects `app=web` with `ingress: []`, so nothing reaches web.
    static let np01 = DemoScenario(
        title: "NP-01: deny all traffic to an application",
        summary: "web-deny-all selects app=web and lists no ingress rule; a test pod tries to fetch http://web.",
        fileName: "np-01.yaml",
        snapshot: """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Namespace
              metadata:
                name: default
            - apiVersion: apps/v1
              kind: Deployment
              metadata:
                name: web
                namespace: default
                labels: {app: web}
            - apiVersion: apps/v1
              kind: ReplicaSet
              metadata:
                name: web-7c8d9f6b5
                namespace: default
                ownerReferences:
                - {apiVersion: apps/v1, kind: Deployment, name: web, controller: true}
            - apiVersion: v1
              kind: Pod
              metadata:
                name: web-7c8d9f6b5-x2k4q
                namespace: default
                labels: {app: web, pod-template-hash: 7c8d9f6b5}
                ownerReferences:
                - {apiVersion: apps/v1, kind: ReplicaSet, name: web-7c8d9f6b5, controller: true}
              spec:
                nodeName: node-1
                containers:
                - name: nginx
                  image: nginx
                  ports:
                  - {name: http, containerPort: 80, protocol: TCP}
              status:
                hostIP: 172.18.0.2
                podIP: 10.244.1.12
                podIPs:
                - ip: 10.244.1.12
            - apiVersion: v1
              kind: Pod
              metadata:
                name: test-3721
                namespace: default
                labels: {run: test-3721}
              spec:
                nodeName: node-2
                containers:
                - {name: test-3721, image: alpine}
              status:
                hostIP: 172.18.0.3
                podIP: 10.244.2.7
            - apiVersion: v1
              kind: Service
              metadata:
                name: web
                namespace: default
              spec:
                selector: {app: web}
                clusterIP: 10.96.14.3
                ports:
                - {port: 80, targetPort: 80, protocol: TCP}
            - apiVersion: networking.k8s.io/v1
              kind: NetworkPolicy
              metadata:
                name: web-deny-all
                namespace: default
              spec:
                podSelector:
                  matchLabels:
                    app: web
                ingress: []
            """,
        queries: [
            ExplainQuery(from: "default/test-3721", to: "default/web", port: 80, protocol: "TCP")
        ])
}
