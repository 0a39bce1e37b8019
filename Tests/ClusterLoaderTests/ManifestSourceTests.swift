import ClusterLoader
import DenyscopeCore
import DenyscopeTestSupport
import Foundation
import Testing

struct ManifestSourceTests {
    /// Should walk a directory recursively, read .yaml, .yml and .json, and count what it skips.
    @Test func readsDirectoriesRecursively() throws {
        let loaded = try ClusterLoader.load(paths: [Fixtures.path("cluster/manifests-dir")])
        #expect(
            loaded.report.loaded == [
                "Namespace": 1, "Pod": 2, "NetworkPolicy": 1, "CiliumNetworkPolicy": 1, "NetworkPolicy (projectcalico.org)": 1,
            ])
        #expect(loaded.report.skipped == ["ConfigMap (v1)": 1])
        // Typed lists (PodList) omit each item's kind; a manifest without namespace lands in default.
        #expect(loaded.state.pods.map { "\($0.namespace)/\($0.name)" } == ["default/client", "shop/web-0"])
    }

    /// Should merge several paths, a later definition replacing an earlier one.
    @Test func mergesSeveralPaths() throws {
        let loaded = try ClusterLoader.load(paths: [
            Fixtures.path("cluster/kubectl-get-all/snapshot.yaml"), Fixtures.path("cluster/manifests-dir"),
        ])
        #expect(loaded.report.replaced == 1)
        #expect(loaded.report.loaded["Namespace"] == 2)
        #expect(loaded.state.namespaces.first { $0.name == "shop" }?.labels["team"] == "shop")
        #expect(loaded.state.pods.count == 8)
        #expect(loaded.state.networkPolicies.map(\.name) == ["default-deny", "web-allow-marketing", "web-deny-all"])
    }

    /// Should read `-` from standard input.
    @Test func readsStandardInput() throws {
        let text = "apiVersion: v1\nkind: Namespace\nmetadata: {name: from-stdin}\n"
        let loaded = try ClusterLoader.load(paths: ["-"], readStandardInput: { Data(text.utf8) })
        #expect(loaded.state.namespaces.map(\.name) == ["from-stdin"])
    }

    /// Should name the path that does not exist.
    @Test func reportsMissingPaths() {
        #expect(throws: InputError(.unreadable, "no such file or directory", at: InputLocation(file: "no/such/dir"))) {
            try ClusterLoader.load(paths: ["no/such/dir"])
        }
    }

    /// Should ignore empty documents such as a trailing `---`.
    @Test func ignoresEmptyDocuments() throws {
        let loaded = try ClusterLoader.load(text: "---\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n", file: "x.yaml")
        #expect(loaded.state.namespaces.map(\.name) == ["a"])
    }
}
