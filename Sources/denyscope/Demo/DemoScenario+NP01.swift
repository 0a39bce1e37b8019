extension DemoScenario {
    /// NP-01: `web-deny-all` selects `app=web` with `ingress: []`, so nothing reaches web.
    static let np01 = DemoScenario(
        title: "NP-01: deny all traffic to an application",
        summary: "web-deny-all selects app=web and lists no ingress rule; a test pod tries to fetch http://web.",
        fileName: "np-01.yaml",
        data: .np01,
        queries: [
            ExplainQuery(from: "default/test-3721", to: "default/web", port: 80, protocol: "TCP")
        ])
}
