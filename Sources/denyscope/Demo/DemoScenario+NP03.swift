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
        data: .np03,
        queries: [
            ExplainQuery(from: "default/frontend", to: "default/apiserver", port: 80, protocol: "TCP"),
            ExplainQuery(from: "default/coffeeshop", to: "default/apiserver", port: 80, protocol: "TCP"),
            ExplainQuery(from: "other/reporting", to: "default/apiserver", port: 80, protocol: "TCP"),
        ])
}
