extension DemoScenario {
    /// NP-03: `default-deny-all` isolates every pod of `default`; recipe 02's `api-allow` then
    /// admits only `app=bookstore` pods of the same namespace to the API.
    static let np03 = DemoScenario(
        title: "NP-03: deny all non-whitelisted traffic in a namespace",
        summary: """
            default-deny-all isolates every pod of namespace default; api-allow admits app=bookstore pods \
            of default to the bookstore API. Three clients try port 80.
            """,
        fileName: "np-03.yaml",
        snapshot: """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Namespace
              metadata:
                name: default
            - apiVersion: v1
              kind: Namespace
              metadata:
                name: other
            - apiVersion: v1
              kind: Pod
              metadata:
                name: apiserver
                namespace: default
                labels: {app: bookstore, role: api}
              spec:
                containers:
                - name: nginx
                  image: nginx
                  ports:
                  - {containerPort: 80}
              status:
                podIP: 10.244.1.20
            - apiVersion: v1
              kind: Pod
              metadata:
                name: frontend
                namespace: default
                labels: {app: bookstore, role: frontend}
              status:
                podIP: 10.244.1.21
            - apiVersion: v1
              kind: Pod
              metadata:
                name: coffeeshop
                namespace: default
                labels: {app: coffeeshop, role: frontend}
              status:
                podIP: 10.244.2.30
            - apiVersion: v1
              kind: Pod
              metadata:
                name: reporting
                namespace: other
                labels: {app: bookstore, role: reporting}
              status:
                podIP: 10.244.3.40
            - apiVersion: networking.k8s.io/v1
              kind: NetworkPolicy
              metadata:
                name: default-deny-all
                namespace: default
              spec:
                podSelector: {}
                ingress: []
            - apiVersion: networking.k8s.io/v1
              kind: NetworkPolicy
              metadata:
                name: api-allow
                namespace: default
              spec:
                podSelector:
                  matchLabels:
                    app: bookstore
                    role: api
                ingress:
                - from:
                  - podSelector:
                      matchLabels:
                        app: bookstore
            """,
        queries: [
            ExplainQuery(from: "default/frontend", to: "default/apiserver", port: 80, protocol: "TCP"),
            ExplainQuery(from: "default/coffeeshop", to: "default/apiserver", port: 80, protocol: "TCP"),
            ExplainQuery(from: "other/reporting", to: "default/apiserver", port: 80, protocol: "TCP"),
        ])
}
