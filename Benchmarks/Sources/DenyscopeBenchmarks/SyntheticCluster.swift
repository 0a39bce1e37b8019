/// A deterministic synthetic cluster: namespaces of ten applications each, pods with addresses and
/// named ports, a default deny per namespace and allow policies between applications.
struct SyntheticCluster {
    let pods: Int
    let policies: Int
    let seed: UInt64
    /// Write the policies as CiliumClusterwideNetworkPolicies instead of Kubernetes NetworkPolicies.
    var cilium = false
    /// Write the policies as Calico NetworkPolicies spread over three tiers.
    var calico = false

    static let appsPerNamespace = 10
    static let podsPerNamespace = 100

    var namespaceCount: Int { max(1, pods / Self.podsPerNamespace) }

    /// The snapshot as one multi-document YAML text, as `kubectl get … -o yaml` would give it.
    func yaml() -> String {
        var random = SplitMix64(seed: seed)
        var out = ""
        out.reserveCapacity(pods * 400 + policies * 500)
        for namespace in 0..<namespaceCount {
            out += "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns-\(namespace)\n  labels:\n    team: team-\(namespace % 7)\n"
        }
        for index in 0..<pods {
            let namespace = index % namespaceCount
            let app = (index / namespaceCount) % Self.appsPerNamespace
            out += """
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: app-\(app)-\(index)
                  namespace: ns-\(namespace)
                  labels:
                    app: app-\(app)
                    tier: \(["web", "api", "db"][app % 3])
                spec:
                  containers:
                  - name: main
                    ports:
                    - {name: http, containerPort: 8080}
                    - {name: metrics, containerPort: 9090}
                status:
                  podIP: 10.\(index >> 16 & 255).\(index >> 8 & 255).\(index & 255)

                """
        }
        let perNamespace = max(1, policies / namespaceCount)
        var written = 0
        if calico {
            out +=
                "---\napiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: security}\nspec: {order: 100, defaultAction: Pass}\n"
            out +=
                "---\napiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: platform}\nspec: {order: 200, defaultAction: Pass}\n"
        }
        for namespace in 0..<namespaceCount where written < policies {
            if calico {
                out +=
                    "---\napiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: default-deny, namespace: ns-\(namespace)}\nspec:\n  order: 5000\n  selector: all()\n  types: [Ingress]\n"
                written += 1
                for number in 1..<perNamespace where written < policies {
                    out += calicoPolicy(namespace: namespace, number: number, random: &random)
                    written += 1
                }
                continue
            }
            out +=
                cilium
                ? "---\napiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: {name: default-deny-\(namespace)}\nspec:\n  endpointSelector: {matchLabels: {io.kubernetes.pod.namespace: ns-\(namespace)}}\n  ingress:\n  - {}\n"
                : "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: default-deny, namespace: ns-\(namespace)}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n"
            written += 1
            for number in 1..<perNamespace where written < policies {
                out +=
                    cilium
                    ? ciliumPolicy(namespace: namespace, number: number, random: &random)
                    : allowPolicy(namespace: namespace, number: number, random: &random)
                written += 1
            }
        }
        return out
    }

    private func allowPolicy(namespace: Int, number: Int, random: inout SplitMix64) -> String {
        let target = random.next(below: Self.appsPerNamespace)
        let peer = random.next(below: Self.appsPerNamespace)
        let kind = random.next(below: 4)
        let port = ["port: 8080", "port: http", "port: 9090", "{port: 8000, endPort: 8100}"][random.next(below: 4)]
        var rule: String
        switch kind {
        case 0:
            rule = "  - from:\n    - podSelector: {matchLabels: {app: app-\(peer)}}\n"
        case 1:
            rule =
                "  - from:\n    - namespaceSelector: {matchLabels: {team: team-\(random.next(below: 7))}}\n      podSelector: {matchLabels: {app: app-\(peer)}}\n"
        case 2:
            rule = "  - from:\n    - podSelector:\n        matchExpressions:\n        - {key: tier, operator: In, values: [web, api]}\n"
        default:
            let block = random.next(below: 20)
            rule = "  - from:\n    - ipBlock: {cidr: 10.0.\(block).0/24, except: [10.0.\(block).128/25]}\n"
        }
        rule += "    ports:\n    - \(port)\n"
        return """
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-\(number), namespace: ns-\(namespace)}
            spec:
              podSelector: {matchLabels: {app: app-\(target)}}
              ingress:

            """ + rule
    }

    /// The Cilium counterpart of `allowPolicy`: a clusterwide policy pinned to one namespace's app.
    private func ciliumPolicy(namespace: Int, number: Int, random: inout SplitMix64) -> String {
        let target = random.next(below: Self.appsPerNamespace)
        let peer = random.next(below: Self.appsPerNamespace)
        let port = ["port: \"8080\"", "port: http", "port: \"9090\"", "{port: \"8000\", endPort: 8100}"][random.next(below: 4)]
        let peers: String
        switch random.next(below: 4) {
        case 0: peers = "fromEndpoints: [{matchLabels: {app: app-\(peer), io.kubernetes.pod.namespace: ns-\(namespace)}}]"
        case 1:
            peers = "fromEndpoints: [{matchLabels: {app: app-\(peer), io.cilium.k8s.namespace.labels.team: team-\(random.next(below: 7))}}]"
        case 2: peers = "fromEntities: [cluster]"
        default:
            let block = random.next(below: 20)
            peers = "fromCIDRSet: [{cidr: 10.0.\(block).0/24, except: [10.0.\(block).128/25]}]"
        }
        return """
            ---
            apiVersion: cilium.io/v2
            kind: CiliumClusterwideNetworkPolicy
            metadata: {name: allow-\(namespace)-\(number)}
            spec:
              endpointSelector: {matchLabels: {app: app-\(target), io.kubernetes.pod.namespace: ns-\(namespace)}}
              ingress:
              - \(peers)
                toPorts: [{ports: [\(port)]}]

            """
    }

    /// A Calico policy in one of three tiers allowing one app from another, or denying one.
    private func calicoPolicy(namespace: Int, number: Int, random: inout SplitMix64) -> String {
        let tier = ["security", "platform", "default"][number % 3]
        let target = random.next(below: Self.appsPerNamespace)
        let peer = random.next(below: Self.appsPerNamespace)
        let action = random.next(below: 10) == 0 ? "Deny" : "Allow"
        let port = ["8080", "http", "9090", "'8000:8100'"][random.next(below: 4)]
        return """
            ---
            apiVersion: projectcalico.org/v3
            kind: NetworkPolicy
            metadata: {name: \(tier).rule-\(number), namespace: ns-\(namespace)}
            spec:
              tier: \(tier)
              order: \(random.next(below: 1000))
              selector: app == 'app-\(target)'
              ingress:
              - action: \(action)
                protocol: TCP
                source: {selector: "app == 'app-\(peer)' && tier in {'web', 'api', 'db'}"}
                destination: {ports: [\(port)]}

            """
    }

    /// `count` queries between random pods on the ports the policies use, as explain `--batch` lines.
    func queries(count: Int) -> [(from: String, to: String, port: Int)] {
        var random = SplitMix64(seed: seed ^ 0x9E37_79B9_7F4A_7C15)
        let ports = [8080, 9090, 8050, 80, 5432]
        return (0..<count).map { _ in
            (podName(random.next(below: pods)), podName(random.next(below: pods)), ports[random.next(below: ports.count)])
        }
    }

    private func podName(_ index: Int) -> String {
        "ns-\(index % namespaceCount)/app-\((index / namespaceCount) % Self.appsPerNamespace)-\(index)"
    }
}

/// A small, fast, seedable generator (SplitMix64), so the data is the same on every machine.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    mutating func next(below bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}
