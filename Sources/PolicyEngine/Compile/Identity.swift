import DenyscopeCore

/// What policy selection depends on for a pod: its namespace (with labels), its own labels and its
/// service account (which Cilium turns into a label).
///
/// Pods with equal identities are selected by the same policies, so the engine computes the
/// selecting policies once per identity, not once per pod. An immutable object: evaluations pass
/// it around many times, and a copy is then one reference rather than nine.
public final class Identity: Hashable, Sendable {
    public let namespace: String
    public let namespaceLabels: LabelSet
    public let labels: LabelSet
    public let serviceAccount: String
    /// The labels Cilium gives the pod, in `source:key` form (`k8s:app`, `k8s:io.kubernetes.pod.namespace`).
    let ciliumLabels: LabelSet
    /// The labels Calico gives the pod's workload endpoint (`projectcalico.org/namespace`, `pcns.…`).
    let calicoLabels: LabelSet
    /// The labels a Calico `namespaceSelector` sees for the pod's namespace (`projectcalico.org/name` too).
    let calicoNamespaceLabels: LabelSet
    /// Indexes into the dialect's policy table of the policies that select this identity and have
    /// rules (or isolate) in each direction.
    let ingressPolicies: [Int]
    let egressPolicies: [Int]

    init(
        namespace: String, namespaceLabels: LabelSet, labels: LabelSet, serviceAccount: String, ciliumLabels: LabelSet,
        calicoLabels: LabelSet, calicoNamespaceLabels: LabelSet, ingressPolicies: [Int], egressPolicies: [Int]
    ) {
        self.namespace = namespace
        self.namespaceLabels = namespaceLabels
        self.labels = labels
        self.serviceAccount = serviceAccount
        self.ciliumLabels = ciliumLabels
        self.calicoLabels = calicoLabels
        self.calicoNamespaceLabels = calicoNamespaceLabels
        self.ingressPolicies = ingressPolicies
        self.egressPolicies = egressPolicies
    }

    public static func == (lhs: Identity, rhs: Identity) -> Bool {
        lhs === rhs
            || (lhs.namespace == rhs.namespace && lhs.namespaceLabels == rhs.namespaceLabels && lhs.labels == rhs.labels
                && lhs.serviceAccount == rhs.serviceAccount && lhs.ciliumLabels == rhs.ciliumLabels
                && lhs.calicoLabels == rhs.calicoLabels && lhs.calicoNamespaceLabels == rhs.calicoNamespaceLabels
                && lhs.ingressPolicies == rhs.ingressPolicies && lhs.egressPolicies == rhs.egressPolicies)
    }

    /// The namespace, labels and service account, which set the rest.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(namespace)
        hasher.combine(labels)
        hasher.combine(serviceAccount)
    }

    func isolatingPolicies(_ direction: Direction) -> [Int] {
        direction == .ingress ? ingressPolicies : egressPolicies
    }

    /// The same identity with its selecting policies filled in.
    func with(ingress: [Int], egress: [Int]) -> Identity {
        Identity(
            namespace: namespace, namespaceLabels: namespaceLabels, labels: labels, serviceAccount: serviceAccount,
            ciliumLabels: ciliumLabels, calicoLabels: calicoLabels, calicoNamespaceLabels: calicoNamespaceLabels,
            ingressPolicies: ingress, egressPolicies: egress)
    }
}

/// Interns `(namespace, labels, service account)` and computes, once each, the policies that select them.
struct IdentityTable: Sendable {
    private struct Key: Hashable {
        let namespace: String
        let labels: LabelSet
        let serviceAccount: String
    }

    private var identities: [Key: Identity] = [:]

    /// The identity of a pod, computing its selecting policies on first use.
    mutating func intern(_ pod: Pod, dialect: CompiledDialect, namespaces: NamespaceTable) -> Identity {
        let key = Key(namespace: pod.namespace, labels: pod.labels, serviceAccount: pod.serviceAccount)
        if let known = identities[key] { return known }
        let namespaceLabels = namespaces.labels(of: pod.namespace)
        let ciliumLabels = CiliumLabels.ofPod(
            namespace: pod.namespace, labels: pod.labels, namespaceLabels: namespaceLabels, serviceAccount: pod.serviceAccount)
        let calicoLabels = CalicoLabels.ofPod(
            namespace: pod.namespace, labels: pod.labels, namespaceLabels: namespaceLabels, serviceAccount: pod.serviceAccount)
        let unselected = Identity(
            namespace: pod.namespace, namespaceLabels: namespaceLabels, labels: pod.labels, serviceAccount: pod.serviceAccount,
            ciliumLabels: ciliumLabels, calicoLabels: calicoLabels,
            calicoNamespaceLabels: CalicoLabels.ofNamespace(pod.namespace, namespaceLabels), ingressPolicies: [], egressPolicies: [])
        let selected = dialect.selecting(unselected)
        let identity = unselected.with(ingress: selected.ingress, egress: selected.egress)
        identities[key] = identity
        return identity
    }

    var count: Int { identities.count }
}
