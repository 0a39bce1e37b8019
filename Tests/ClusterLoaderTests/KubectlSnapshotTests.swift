import ClusterLoader
import DenyscopeCore
import DenyscopeTestSupport
import Foundation
import Testing

struct KubectlSnapshotTests {
    /// Should read a `kubectl get pods,ns,netpol,deploy,rs,svc -A -o yaml` List completely.
    @Test func readsKubectlYAMLList() throws {
        let loaded = try ClusterLoader.load(paths: [Fixtures.path("cluster/kubectl-get-all/snapshot.yaml")])
        #expect(loaded.report.loaded == ["Pod": 6, "Namespace": 2, "NetworkPolicy": 2, "Deployment": 1, "ReplicaSet": 1, "Service": 2])
        #expect(loaded.report.skipped.isEmpty)
        let state = loaded.state
        let web = try #require(state.pods.first { $0.name == "web-7c8d9f6b5-x2k4q" })
        #expect(web.namespace == "shop")
        #expect(web.labels == ["app": "web", "pod-template-hash": "7c8d9f6b5"])
        #expect(web.ips.map(\.description) == ["10.244.1.5", "fd00:10:244:1::5"])
        #expect(web.hostIP?.description == "172.18.0.3")
        #expect(web.containerPorts == [ContainerPort(name: "http", port: 8080, protocol: .tcp)])
        #expect(web.serviceAccount == "web")
        let proxy = try #require(state.pods.first { $0.name == "kube-proxy-4kq8d" })
        #expect(proxy.hostNetwork)
        let service = try #require(state.services.first { $0.name == "web" })
        #expect(service.clusterIPs.map(\.description) == ["10.96.120.7"])
        #expect(service.ports == [ServicePort(name: "http", port: 80, protocol: .tcp, targetPort: .named("http"))])
        #expect(state.services.first { $0.name == "db" }?.clusterIPs == [])
        let allow = try #require(state.networkPolicies.first { $0.name == "web-allow-marketing" })
        #expect(allow.policyTypes == [.ingress])
        #expect(
            allow.ingress == [
                NetworkPolicyRule(
                    peers: [
                        .pods(
                            pods: LabelSelector(matchLabels: ["app": "crawler"]),
                            namespaces: LabelSelector(matchLabels: ["team": "marketing"]))
                    ],
                    ports: [NetworkPolicyPort(protocol: .tcp, port: .named("http"))])
            ])
        let deny = try #require(state.networkPolicies.first { $0.name == "default-deny" })
        #expect(deny.policyTypes == [.ingress, .egress])
        #expect(deny.podSelector == .everything)
    }

    /// Should resolve every pod to the workload a person would name.
    @Test func resolvesWorkloads() throws {
        let state = try ClusterLoader.load(paths: [Fixtures.path("cluster/kubectl-get-all/snapshot.yaml")]).state
        let index = WorkloadIndex(state.workloads)
        let workloads = Dictionary(
            uniqueKeysWithValues: state.pods.map { ("\($0.namespace)/\($0.name)", index.workload(of: $0)?.description) })
        #expect(
            workloads == [
                "shop/web-7c8d9f6b5-x2k4q": "web (Deployment)",
                "shop/web-7c8d9f6b5-9zq7m": "web (Deployment)",
                "shop/db-0": "db (StatefulSet)",
                // The Job is not in this snapshot, so the Job is as far as the owners go.
                "shop/report-29071440-7xk2p": "report-29071440 (Job)",
                "kube-system/kube-proxy-4kq8d": "kube-proxy (DaemonSet)",
                "marketing/crawler": nil,
            ])
    }

    /// Should read the JSON form of the same snapshot into the same state.
    @Test func jsonAndYAMLAgree() throws {
        let yaml = try ClusterLoader.load(paths: [Fixtures.path("cluster/kubectl-get-all/snapshot.yaml")])
        let json = try ClusterLoader.load(paths: [Fixtures.path("cluster/kubectl-get-all/snapshot.json")])
        #expect(json.report == yaml.report)
        #expect(json.state.pods == yaml.state.pods)
        #expect(json.state.networkPolicies == yaml.state.networkPolicies)
        #expect(json.state.services == yaml.state.services)
        #expect(json.state.namespaces == yaml.state.namespaces)
        #expect(json.state.workloads == yaml.state.workloads)
    }

    /// Should give every namespace its name label, whether or not the snapshot wrote it.
    @Test func namespacesCarryTheirNameLabel() throws {
        let state = try ClusterLoader.load(paths: [Fixtures.path("cluster/kubectl-get-all/snapshot.yaml")]).state
        #expect(
            state.namespaces.map(\.labels) == [
                ["team": "marketing", "kubernetes.io/metadata.name": "marketing"],
                ["team": "shop", "kubernetes.io/metadata.name": "shop"],
            ])
    }
}
