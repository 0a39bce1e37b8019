import DenyscopeCore
import Dispatch

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

    /// Adds the objects of `manifest`. A large multi-document text is cut into pieces that are
    /// parsed and decoded on all cores. Otherwise a batch of objects is decoded on other threads
    /// while the documents of the next are parsed here, then added in order: decoding was half of
    /// loading a snapshot, and parsing the other half.
    ///
    /// - Parameter pieceSize: the size of the pieces (`Int.max`: never cut).
    mutating func add(_ manifest: ManifestText, pieceSize: Int = 256 << 10) throws(InputError) {
        if let pieces = ManifestPieces.split(manifest, size: pieceSize) { return try add(pieces: pieces) }
        var decoding: DecodingBatch? = nil
        do throws(InputError) {
            try ManifestDocuments.forEachBatch(in: manifest, batchSize: Self.batchSize) { objects throws(InputError) in
                let next = DecodingBatch(objects)
                let previous = decoding
                // Once a batch fails, no later one is added.
                decoding = nil
                if let previous { try add(previous) }
                decoding = next
            }
        } catch {
            // The objects before an unreadable document come first, with their own errors.
            if let previous = decoding { try add(previous) }
            throw error
        }
        if let last = decoding { try add(last) }
    }

    /// Objects decoded together.
    private static let batchSize = 256

    /// Parses and decodes the pieces on all cores, then adds their objects in order; an error
    /// ends the pieces after the objects before it were added, as in one text.
    private mutating func add(pieces: [ManifestText]) throws(InputError) {
        var decoded = [DecodedPiece?](repeating: nil, count: pieces.count)
        decoded.withUnsafeMutableBufferPointer { slots in
            // Each iteration writes its own slot only.
            nonisolated(unsafe) let slots = slots
            DispatchQueue.concurrentPerform(iterations: pieces.count) { slots[$0] = DecodedPiece(pieces[$0]) }
        }
        for case let piece? in decoded {
            for result in piece.results { try add(result.get()) }
            if let error = piece.error { throw error }
        }
    }

    private mutating func add(_ batch: DecodingBatch) throws(InputError) {
        for decoded in batch.results() { try add(decoded.map { ($0.0.type, $0.1) }.get()) }
    }

    private mutating func add(_ decoded: (object: ManifestType, value: DecodedObject)) {
        let object = decoded.object
        // Calico reuses Kubernetes kind names (NetworkPolicy): count its objects apart.
        let countKey = object.group.hasSuffix("projectcalico.org") ? "\(object.kind) (projectcalico.org)" : object.kind
        func key(_ namespace: String?, _ name: String) -> Key { Key(kind: countKey, namespace: namespace ?? "", name: name) }
        switch decoded.value {
        case .namespace(let namespace): store(namespace, in: \.namespaces, key: key(nil, namespace.name))
        case .pod(let pod): store(pod, in: \.pods, key: key(pod.namespace, pod.name))
        case .service(let service): store(service, in: \.services, key: key(service.namespace, service.name))
        case .node(let node): store(node, in: \.nodes, key: key(nil, node.name))
        case .networkPolicy(let policy): store(policy, in: \.policies, key: key(policy.namespace, policy.name))
        case .ciliumPolicy(let policy): store(policy, in: \.ciliumPolicies, key: key(policy.namespace, policy.name))
        case .calicoPolicy(let policy): store(policy, in: \.calicoPolicies, key: key(policy.namespace, policy.name))
        case .stagedKubernetesPolicy(let policy): store(policy, in: \.stagedKubernetesPolicies, key: key(policy.namespace, policy.name))
        case .calicoProfile(let profile): store(profile, in: \.calicoProfiles, key: key(nil, profile.name))
        case .calicoTier(let tier): store(tier, in: \.calicoTiers, key: key(nil, tier.name))
        case .calicoNetworkSet(let set): store(set, in: \.calicoNetworkSets, key: key(set.namespace, set.name))
        case .workload(let workload): store(workload, in: \.workloads, key: key(workload.namespace, workload.name))
        case .skipped:
            report.skipped["\(object.kind) (\(object.apiVersion))", default: 0] += 1
            return
        }
        report.loaded[countKey, default: 0] += 1
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
