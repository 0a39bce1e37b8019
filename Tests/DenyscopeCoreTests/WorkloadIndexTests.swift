import DenyscopeCore
import Testing

struct WorkloadIndexTests {
    /// Should follow owners to the top-most controller known to the snapshot.
    @Test func followsOwnerChains() {
        let index = WorkloadIndex([
            WorkloadObject(
                kind: "ReplicaSet", namespace: "shop", name: "web-7c8d9f6b5", owner: WorkloadReference(kind: "Deployment", name: "web")),
            WorkloadObject(kind: "Deployment", namespace: "shop", name: "web", owner: nil),
            WorkloadObject(kind: "Job", namespace: "shop", name: "report-29071", owner: WorkloadReference(kind: "CronJob", name: "report")),
        ])
        let web = Pod(namespace: "shop", name: "web-7c8d9f6b5-x2k4q", owner: WorkloadReference(kind: "ReplicaSet", name: "web-7c8d9f6b5"))
        let job = Pod(namespace: "shop", name: "report-29071-abcde", owner: WorkloadReference(kind: "Job", name: "report-29071"))
        let db = Pod(namespace: "shop", name: "db-0", owner: WorkloadReference(kind: "StatefulSet", name: "db"))
        let bare = Pod(namespace: "shop", name: "debug")
        #expect(index.workload(of: web) == WorkloadReference(kind: "Deployment", name: "web"))
        #expect(index.workload(of: job) == WorkloadReference(kind: "CronJob", name: "report"))
        #expect(index.workload(of: db) == WorkloadReference(kind: "StatefulSet", name: "db"))
        #expect(index.workload(of: bare) == nil)
    }

    /// Should infer the Deployment from pod-template-hash when the ReplicaSet is not in the snapshot.
    @Test func infersDeploymentFromTemplateHash() {
        let index = WorkloadIndex([])
        let pod = Pod(
            namespace: "shop", name: "api-5d9f8-abcde", labels: ["pod-template-hash": "5d9f8"],
            owner: WorkloadReference(kind: "ReplicaSet", name: "api-5d9f8"))
        #expect(index.workload(of: pod) == WorkloadReference(kind: "Deployment", name: "api"))
        let unrelated = Pod(
            namespace: "shop", name: "x", labels: ["pod-template-hash": "zzz"],
            owner: WorkloadReference(kind: "ReplicaSet", name: "api-5d9f8"))
        #expect(index.workload(of: unrelated) == WorkloadReference(kind: "ReplicaSet", name: "api-5d9f8"))
    }
}
