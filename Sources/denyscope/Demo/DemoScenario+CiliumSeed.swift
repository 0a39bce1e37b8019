extension DemoScenario {
    /// The Cilium seed case: a CCNP meant to deny only `run=client` → `run=web`, whose
    /// `ingressDeny` section puts every `run=web` pod into ingress default deny.
    static let ciliumSeed = DemoScenario(
        title: "Cilium: an ingressDeny that blocks every peer",
        summary: """
            deny-client-to-web (CiliumClusterwideNetworkPolicy) selects run=web and only has ingressDeny from run=client; \
            the client and an unrelated pod try port 80.
            """,
        fileName: "cilium-seed.yaml",
        snapshot: """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Namespace
              metadata: {name: default}
            - apiVersion: v1
              kind: Pod
              metadata:
                name: web
                namespace: default
                labels: {run: web}
              spec:
                containers:
                - name: nginx
                  ports: [{containerPort: 80}]
              status: {hostIP: 172.18.0.2, podIP: 10.0.1.10}
            - apiVersion: v1
              kind: Pod
              metadata:
                name: client
                namespace: default
                labels: {run: client}
              status: {hostIP: 172.18.0.3, podIP: 10.0.2.20}
            - apiVersion: v1
              kind: Pod
              metadata:
                name: other
                namespace: default
                labels: {run: other}
              status: {hostIP: 172.18.0.3, podIP: 10.0.2.21}
            - apiVersion: cilium.io/v2
              kind: CiliumClusterwideNetworkPolicy
              metadata:
                name: deny-client-to-web
              spec:
                endpointSelector:
                  matchLabels:
                    run: web
                ingressDeny:
                - fromEndpoints:
                  - matchLabels:
                      run: client
            """,
        queries: [
            ExplainQuery(from: "default/client", to: "default/web", port: 80, protocol: "TCP"),
            ExplainQuery(from: "default/other", to: "default/web", port: 80, protocol: "TCP"),
        ],
        flows: ciliumSeedFlows)
}
