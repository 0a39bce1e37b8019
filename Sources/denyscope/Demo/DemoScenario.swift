/// A scenario embedded in the binary: a cluster snapshot, the connections to explain and the
/// recorded traffic to triage.
///
/// The policies are the recipes of ahmetb/kubernetes-network-policy-recipes (Apache-2.0) that
/// DESIGN.md calls NP-01 and NP-03, and the Cilium seed case; the snapshots are shaped like
/// `kubectl get … -o yaml` output.
struct DemoScenario {
    let title: String
    let summary: String
    let fileName: String
    let data: DemoData
    let queries: [ExplainQuery]

    static let all = [np01, np03, ciliumSeed]
}
