import DenyscopeCore

/// Accumulates decoded objects from several manifests, later definitions replacing earlier ones.
struct ClusterBuilder {
    private struct Key: Hashable {
        let kind: String
        let namespace: String
        let name: String
    }

    private var namespaces: [Key: Namespace] = [:]
    private var pods: [Key: Pod] = [:]
    private var services: [Key: Service] = [:]
    private var nodes: [Key: Node] = [:]
    private var workloads: [Key: WorkloadObject] = [:]
    private var policies: [Key: KubernetesNetworkPolicy] = [:]
    private var ciliumPolicies: [Key: CiliumPolicy] = [:]
    private var calicoPolicies: [Key: CalicoPolicy] = [:]
    private var calicoTiers: [Key: CalicoTier] = [:]
    private var calicoNetworkSets: [Key: CalicoNetworkSet] = [:]
    private var calicoProfiles: [Key: CalicoPolicy] = [:]
    private var stagedKubernetesPolicies: [Key: KubernetesNetworkPolicy] = [:]
    private var report = LoadReport()

    mutating func add(_ manifest: ManifestText) throws(InputError) {
        try ManifestDocuments.forEachObject(in: manifest) { object throws(InputError) in try add(object) }
    }

    private mutating func add(_ object: ManifestObject) throws(InputError) {
        let group = object.apiVersion.split(separator: "/").dropLast().first.map(String.init) ?? ""
        // Calico reuses Kubernetes kind names (NetworkPolicy): count its objects apart.
        let countKey = group.hasSuffix("projectcalico.org") ? "\(object.kind) (projectcalico.org)" : object.kind
        switch (object.kind, group) {
        case ("Namespace", ""):
            let namespace = try NamespaceDecoder.decode(object.field)
            store(namespace, in: \.namespaces, key: Key(kind: object.kind, namespace: "", name: namespace.name))
        case ("Pod", ""):
            let pod = try PodDecoder.decode(object.field)
            store(pod, in: \.pods, key: Key(kind: object.kind, namespace: pod.namespace, name: pod.name))
        case ("Service", ""):
            let service = try ServiceDecoder.decode(object.field)
            store(service, in: \.services, key: Key(kind: object.kind, namespace: service.namespace, name: service.name))
        case ("Node", ""):
            let node = try NodeDecoder.decode(object.field)
            store(node, in: \.nodes, key: Key(kind: object.kind, namespace: "", name: node.name))
        case ("NetworkPolicy", "networking.k8s.io"):
            let policy = try NetworkPolicyDecoder.decode(object.field)
            store(policy, in: \.policies, key: Key(kind: object.kind, namespace: policy.namespace, name: policy.name))
        case ("CiliumNetworkPolicy", "cilium.io"), ("CiliumClusterwideNetworkPolicy", "cilium.io"):
            let kind: PolicyKind = object.kind == "CiliumNetworkPolicy" ? .ciliumNetworkPolicy : .ciliumClusterwideNetworkPolicy
            let policy = try CiliumPolicyDecoder.decode(object.field, kind: kind)
            store(policy, in: \.ciliumPolicies, key: Key(kind: object.kind, namespace: policy.namespace ?? "", name: policy.name))
        case (_, "projectcalico.org"), (_, "crd.projectcalico.org"):
            guard try addCalico(object, countKey: countKey) else {
                report.skipped["\(object.kind) (\(object.apiVersion))", default: 0] += 1
                return
            }
        case (let kind, "apps"), (let kind, "batch"), (let kind, "extensions"), (let kind, ""):
            guard WorkloadDecoder.kinds.contains(kind) else {
                report.skipped["\(object.kind) (\(object.apiVersion))", default: 0] += 1
                return
            }
            let workload = try WorkloadDecoder.decode(object.field, kind: kind)
            store(workload, in: \.workloads, key: Key(kind: kind, namespace: workload.namespace, name: workload.name))
        default:
            report.skipped["\(object.kind) (\(object.apiVersion))", default: 0] += 1
            return
        }
        report.loaded[countKey, default: 0] += 1
    }

    /// Adds a Calico object; `false` for a Calico kind denyscope does not use (or a staged policy
    /// whose `stagedAction` is not `Set`).
    private mutating func addCalico(_ object: ManifestObject, countKey: String) throws(InputError) -> Bool {
        let policyKinds: [String: PolicyKind] = [
            "NetworkPolicy": .calicoNetworkPolicy, "GlobalNetworkPolicy": .globalNetworkPolicy, "StagedNetworkPolicy": .stagedNetworkPolicy,
            "StagedGlobalNetworkPolicy": .stagedGlobalNetworkPolicy,
        ]
        if let kind = policyKinds[object.kind] {
            if kind != .calicoNetworkPolicy && kind != .globalNetworkPolicy, !(try CalicoPolicyDecoder.stagesSet(object.field)) {
                return false
            }
            let policy = try CalicoPolicyDecoder.decode(object.field, kind: kind)
            store(policy, in: \.calicoPolicies, key: Key(kind: countKey, namespace: policy.namespace ?? "", name: policy.name))
            return true
        }
        switch object.kind {
        case "StagedKubernetesNetworkPolicy":
            guard try CalicoPolicyDecoder.stagesSet(object.field) else { return false }
            let policy = try NetworkPolicyDecoder.decode(object.field)
            store(policy, in: \.stagedKubernetesPolicies, key: Key(kind: countKey, namespace: policy.namespace, name: policy.name))
        case "Profile":
            let profile = try CalicoPolicyDecoder.decode(object.field, kind: .profile)
            store(profile, in: \.calicoProfiles, key: Key(kind: countKey, namespace: "", name: profile.name))
        case "Tier":
            let tier = try CalicoObjectDecoders.tier(object.field)
            store(tier, in: \.calicoTiers, key: Key(kind: countKey, namespace: "", name: tier.name))
        case "NetworkSet", "GlobalNetworkSet":
            let set = try CalicoObjectDecoders.networkSet(object.field, global: object.kind == "GlobalNetworkSet")
            store(set, in: \.calicoNetworkSets, key: Key(kind: countKey, namespace: set.namespace ?? "", name: set.name))
        default:
            return false
        }
        return true
    }

    private mutating func store<Value>(_ value: Value, in table: WritableKeyPath<ClusterBuilder, [Key: Value]>, key: Key) {
        if self[keyPath: table].updateValue(value, forKey: key) != nil {
            report.replaced += 1
            report.loaded[key.kind, default: 0] -= 1
        }
    }

    func build() -> LoadedCluster {
        /// Sorts the keys only: moving values as large as a pod through a sort took a tenth of loading.
        func ordered<Value>(_ table: [Key: Value]) -> [Value] {
            table.keys.sorted { ($0.namespace, $0.name, $0.kind) < ($1.namespace, $1.name, $1.kind) }.compactMap { table[$0] }
        }
        let workloadList = ordered(workloads)
        let podList = ordered(pods)
        var report = report
        let templatePods = Self.templatePods(for: workloadList, besides: podList)
        if !templatePods.isEmpty { report.podsFromTemplates = templatePods.count }
        let state = ClusterState(
            namespaces: ordered(namespaces), pods: podList + templatePods, services: ordered(services),
            nodes: ordered(nodes), workloads: workloadList, networkPolicies: ordered(policies),
            ciliumPolicies: ordered(ciliumPolicies), calicoPolicies: ordered(calicoPolicies), calicoTiers: ordered(calicoTiers),
            calicoNetworkSets: ordered(calicoNetworkSets), calicoProfiles: ordered(calicoProfiles),
            stagedKubernetesPolicies: ordered(stagedKubernetesPolicies))
        return LoadedCluster(state: state, report: report)
    }

    /// One pod per top-level workload that has a pod template but no pod in the snapshot, so that a
    /// manifest repository (Deployments, no Pods) can be explained too. The pod is named after the
    /// workload and owned by it.
    private static func templatePods(for workloads: [WorkloadObject], besides pods: [Pod]) -> [Pod] {
        let index = WorkloadIndex(workloads)
        var covered: Set<String> = []
        for pod in pods {
            if let workload = index.workload(of: pod) { covered.insert("\(pod.namespace)/\(workload.kind)/\(workload.name)") }
        }
        return workloads.compactMap { workload in
            guard workload.owner == nil, let template = workload.template,
                !covered.contains("\(workload.namespace)/\(workload.kind)/\(workload.name)")
            else { return nil }
            return Pod(
                namespace: workload.namespace, name: workload.name, labels: template.labels, hostNetwork: template.hostNetwork,
                containerPorts: template.containerPorts, serviceAccount: template.serviceAccount,
                owner: WorkloadReference(kind: workload.kind, name: workload.name), isFromTemplate: true)
        }
    }
}
