import ClusterLoader
import DenyscopeCore
import Testing

struct TemplatePodTests {
    static let manifests = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: shop}
        spec:
          template:
            metadata: {labels: {app: api}}
            spec:
              serviceAccountName: api
              containers:
              - name: main
                ports: [{name: http, containerPort: 8080}]
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: report, namespace: shop}
        spec:
          jobTemplate:
            spec:
              template:
                metadata: {labels: {app: report}}
                spec: {containers: [{name: main}]}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          template:
            metadata: {labels: {app: web}}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-5d9f8-abcde
          namespace: shop
          labels: {app: web, pod-template-hash: 5d9f8}
          ownerReferences: [{kind: ReplicaSet, name: web-5d9f8, controller: true}]
        """

    /// Should stand one pod from the template for each workload that has none in the snapshot.
    @Test func buildsPodsFromTemplates() throws {
        let loaded = try ClusterLoader.load(text: Self.manifests, file: "manifests.yaml")
        #expect(loaded.report.podsFromTemplates == 2)
        let pods = loaded.state.pods.map { "\($0.namespace)/\($0.name) \($0.isFromTemplate) \($0.labels)" }
        #expect(
            pods == ["shop/web-5d9f8-abcde false app=web,pod-template-hash=5d9f8", "shop/api true app=api", "shop/report true app=report"])
        let api = try #require(loaded.state.pods.first { $0.name == "api" })
        #expect(api.containerPorts == [ContainerPort(name: "http", port: 8080)])
        #expect(api.serviceAccount == "api")
        #expect(api.owner == WorkloadReference(kind: "Deployment", name: "api"))
        #expect(api.ips.isEmpty)
    }
}
