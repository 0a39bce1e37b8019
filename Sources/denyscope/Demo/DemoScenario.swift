/// A scenario embedded in the binary: a cluster snapshot and the connections to explain.
///
/// The policies are the recipes of ahmetb/kubernetes-network-policy-recipes (Apache-2.0) that
/// DESIGN.md calls NP-01 and NP-03; the snapshots are shaped like `kubectl get … -o yaml` output.
struct DemoScenario {
    let title: String
    let summary: String
    let fileName: String
    let snapshot: String
    let queries: [ExplainQuery]
    /// Hubble JSON lines to triage against the snapshot, if the scenario has recorded traffic.
    var flows: String? = nil

    static let all = [np01, np03, ciliumSeed]
}
