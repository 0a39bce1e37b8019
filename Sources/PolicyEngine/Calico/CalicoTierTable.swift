import DenyscopeCore

/// A policy in a Calico tier: a Calico policy, or a Kubernetes NetworkPolicy (tier `default`,
/// order 1000, every rule an Allow), either of which may be staged. An immutable object, so that
/// an evaluation reading it does not copy the policy.
final class CalicoMember: Sendable {
    enum Body: Sendable {
        case calico(CalicoPolicy)
        case kubernetes(KubernetesNetworkPolicy)
    }

    let body: Body
    let reference: PolicyReference
    let tier: Int
    let order: Double?
    let isStaged: Bool
    /// A Calico policy's namespace and rules by direction, read out of `body` once: binding the
    /// policy out of the enum on every evaluation copied it.
    let calicoScope: String?
    private let calicoIngress: [CalicoRule]
    private let calicoEgress: [CalicoRule]

    init(body: Body, reference: PolicyReference, tier: Int, order: Double?, isStaged: Bool) {
        self.body = body
        if case .calico(let policy) = body {
            (calicoScope, calicoIngress, calicoEgress) = (policy.namespace, policy.ingress, policy.egress)
        } else {
            (calicoScope, calicoIngress, calicoEgress) = (nil, [], [])
        }
        self.reference = reference
        self.tier = tier
        self.order = order
        self.isStaged = isStaged
    }

    /// Whether the member applies to a pod in `direction`: its types include it and its selectors
    /// (scoped to its namespace when namespaced) match.
    func applies(to identity: Identity, _ direction: Direction) -> Bool {
        switch body {
        case .kubernetes(let policy):
            return policy.policyTypes.contains(direction) && policy.namespace == identity.namespace
                && policy.podSelector.matches(identity.labels)
        case .calico(let policy):
            guard policy.types.contains(direction) else { return false }
            if let namespace = policy.namespace, namespace != identity.namespace { return false }
            if let selector = policy.namespaceSelector,
                !selector.matchesNamespace(identity.calicoNamespaceLabels)
            {
                return false
            }
            return policy.selector.matches(identity.calicoLabels)
        }
    }

    /// The Calico policy's rules of `direction` (none for a Kubernetes policy).
    func calicoRules(_ direction: Direction) -> [CalicoRule] { direction == .ingress ? calicoIngress : calicoEgress }

    var ruleCount: (ingress: Int, egress: Int) {
        switch body {
        case .kubernetes(let policy): return (policy.ingress.count, policy.egress.count)
        case .calico(let policy): return (policy.ingress.count, policy.egress.count)
        }
    }
}

/// Calico's tiers and their policies in evaluation order: tiers by `order` (none = last) then
/// name; policies by `order` (none = last) then name, namespace and kind (Felix's sort).
///
/// An immutable object: each side evaluation takes the table from the engine, and copying its
/// seven collections cost as many reference-count operations each time.
final class CalicoTierTable: Sendable {
    let tiers: [CalicoTier]
    /// Every member, sorted by tier then by order within it.
    let members: [CalicoMember]
    /// Each member's place in the order of their references, in which a side lists policies.
    let referenceRanks: [Int]
    /// Network sets, for rule selectors that match addresses outside the cluster.
    let networkSets: [CalicoNetworkSet]
    /// Profiles by name; a pod's is `kns.<namespace>`.
    let profiles: [String: CalicoPolicy]
    /// Indexes of the namespaced members by namespace, and of the cluster-wide ones, ascending:
    /// only these can apply to a pod, so selection does not scan every policy.
    private let membersByNamespace: [String: [Int]]
    private let clusterWideMembers: [Int]

    init(cluster: ClusterState) {
        var tiers = cluster.calicoTiers
        if !tiers.contains(where: { $0.name == "default" }) { tiers.append(.default) }
        for name in Set(cluster.calicoPolicies.map(\.tier)) where !tiers.contains(where: { $0.name == name }) {
            tiers.append(CalicoTier(name: name, order: nil))  // a tier the snapshot lacks: last, end-of-tier deny
        }
        tiers.sort { Self.orderKey($0.order, $0.name) < Self.orderKey($1.order, $1.name) }
        let tierIndex = Dictionary(uniqueKeysWithValues: tiers.enumerated().map { ($0.element.name, $0.offset) })
        var members: [CalicoMember] = []
        for policy in cluster.calicoPolicies {
            let tier = tierIndex[policy.tier] ?? 0
            members.append(
                CalicoMember(
                    body: .calico(policy),
                    reference: PolicyReference(kind: policy.kind, namespace: policy.namespace, name: policy.name, tier: policy.tier),
                    tier: tier, order: policy.order, isStaged: policy.isStaged))
        }
        let defaultTier = tierIndex["default"] ?? 0
        for (policies, staged) in [(cluster.networkPolicies, false), (cluster.stagedKubernetesPolicies, true)] {
            for policy in policies {
                let kind: PolicyKind = staged ? .stagedKubernetesNetworkPolicy : .networkPolicy
                members.append(
                    CalicoMember(
                        body: .kubernetes(policy),
                        reference: PolicyReference(kind: kind, namespace: policy.namespace, name: policy.name, tier: "default"),
                        tier: defaultTier, order: 1000, isStaged: staged))
            }
        }
        let keys = members.map { member in (member.tier, Self.orderKey(member.order, Self.tieBreak(member.reference))) }
        let sorted = members.indices.sorted { keys[$0].0 < keys[$1].0 || (keys[$0].0 == keys[$1].0 && keys[$0].1 < keys[$1].1) }
        members = sorted.map { members[$0] }
        self.tiers = tiers
        self.members = members
        var ranks = [Int](repeating: 0, count: members.count)
        for (rank, index) in members.indices.sorted(by: { members[$0].reference < members[$1].reference }).enumerated() {
            ranks[index] = rank
        }
        self.referenceRanks = ranks
        var byNamespace: [String: [Int]] = [:]
        var clusterWide: [Int] = []
        for (index, member) in members.enumerated() {
            if let namespace = member.reference.namespace {
                byNamespace[namespace, default: []].append(index)
            } else {
                clusterWide.append(index)
            }
        }
        self.membersByNamespace = byNamespace
        self.clusterWideMembers = clusterWide
        self.networkSets = cluster.calicoNetworkSets
        self.profiles = Dictionary(cluster.calicoProfiles.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
    }

    subscript(index: Int) -> CalicoMember { members[index] }

    var count: Int { members.count }

    /// The members (staged included) that apply to a pod in `direction`, in evaluation order.
    func selecting(_ identity: Identity, _ direction: Direction) -> [Int] {
        let namespaced = membersByNamespace[identity.namespace] ?? []
        var candidates: [Int] = []
        candidates.reserveCapacity(namespaced.count + clusterWideMembers.count)
        var (left, right) = (0, 0)
        while left < namespaced.count || right < clusterWideMembers.count {
            if right == clusterWideMembers.count || (left < namespaced.count && namespaced[left] < clusterWideMembers[right]) {
                candidates.append(namespaced[left])
                left += 1
            } else {
                candidates.append(clusterWideMembers[right])
                right += 1
            }
        }
        return candidates.filter { members[$0].applies(to: identity, direction) }
    }

    /// `(isInfinite, order, name)`: a missing order sorts after every number.
    private static func orderKey(_ order: Double?, _ name: String) -> (Int, Double, String) {
        order.map { (0, $0, name) } ?? (1, 0, name)
    }

    /// Felix's tie-break between policies of equal order: `name/namespace/kind`.
    private static func tieBreak(_ reference: PolicyReference) -> String {
        "\(reference.name)/\(reference.namespace ?? "")/\(reference.kind.rawValue)"
    }
}
