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
        data: .ciliumSeed,
        queries: [
            ExplainQuery(from: "default/client", to: "default/web", port: 80, protocol: "TCP"),
            ExplainQuery(from: "default/other", to: "default/web", port: 80, protocol: "TCP"),
        ])
}
