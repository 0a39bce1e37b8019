/// A deterministic synthetic cluster: namespaces with labels, one Deployment (with its ReplicaSet
/// and Service) per application, pods spread over nodes with addresses and named ports, and the
/// policies that govern them.
///
/// Applications are numbered; pod `i` belongs to application `i % apps`, so the replicas of an
/// application are `a, a + apps, a + 2·apps, …` and no per-application list has to be kept.
struct SyntheticCluster {
    /// One application: a Deployment, its ReplicaSet and Service, in one namespace.
    struct App {
        let name: String
        let namespace: Int
        let tier: String
        /// The ReplicaSet's `pod-template-hash` label.
        let templateHash: String
    }

    /// One pod of an application.
    struct Pod {
        let name: String
        let app: Int
        let node: Int
        let ip: String
    }

    /// The container port every application serves its API on, named `http`.
    static let httpPort: UInt16 = 8080
    /// The container port every application serves metrics on, named `metrics`.
    static let metricsPort: UInt16 = 9090
    /// The largest `--pods` the address plan supports.
    static let maximumPods = 1_000_000

    let namespaces: [String]
    let apps: [App]
    let pods: [Pod]
    let nodeCount: Int
    let policies: [SyntheticPolicy]
    let dialect: GenerateDialect

    /// Builds the cluster for `pods` pods and `policies` policies (at least one per namespace is
    /// a default deny while the count lasts; the rest allow or deny one application to another).
    init(pods podCount: Int, policies policyCount: Int, dialect: GenerateDialect, random: inout SeededRandom) {
        let appCount = max(1, (podCount + 2) / 3)
        let namespaceCount = max(1, (appCount + 3) / 4)
        let baseNamespaces = ["shop", "payments", "data", "platform", "identity", "search", "media", "ops"]
        let baseApps = ["web", "api", "cart", "db", "cache", "auth", "search", "queue", "billing", "mail", "orders", "ledger"]
        let tiers = ["frontend", "backend", "data"]
        namespaces = (0..<namespaceCount).map { index in
            let base = baseNamespaces[index % baseNamespaces.count]
            return index < baseNamespaces.count ? base : "\(base)-\(index / baseNamespaces.count)"
        }
        apps = (0..<appCount).map { index in
            let base = baseApps[index % baseApps.count]
            return App(
                name: index < baseApps.count ? base : "\(base)-\(index / baseApps.count)", namespace: index % namespaceCount,
                tier: tiers[index % tiers.count], templateHash: random.name(10))
        }
        nodeCount = max(1, min(250, (podCount + 29) / 30))
        var pods: [Pod] = []
        pods.reserveCapacity(podCount)
        for index in 0..<podCount {
            let app = index % appCount
            let block = index / 250
            pods.append(
                Pod(
                    name: "\(apps[app].name)-\(apps[app].templateHash)-\(random.name(5))", app: app, node: index % nodeCount,
                    ip: "10.\(64 + block / 256).\(block % 256).\(index % 250 + 2)"))
        }
        self.pods = pods
        self.dialect = dialect
        self.policies = SyntheticPolicy.plan(
            count: policyCount, namespaces: namespaceCount, apps: appCount, dialect: dialect, random: &random)
    }

    /// The number of pods of application `app`.
    func replicas(of app: Int) -> Int {
        pods.count / apps.count + (app < pods.count % apps.count ? 1 : 0)
    }

    /// The index of a random pod of application `app`.
    func randomPod(of app: Int, random: inout SeededRandom) -> Int {
        app + apps.count * random.next(below: max(1, replicas(of: app)))
    }

    /// The namespace of a pod.
    func namespace(ofPod index: Int) -> String {
        namespaces[apps[pods[index].app].namespace]
    }

    /// A node's name.
    func nodeName(_ node: Int) -> String { "node-\(node)" }

    /// A node's address (the pods' `hostIP`).
    func nodeIP(_ node: Int) -> String { "172.18.\(node / 250).\(node % 250 + 2)" }

    /// A Service's cluster IP.
    func serviceIP(_ app: Int) -> String { "10.96.\(app / 250).\(app % 250 + 2)" }
}
