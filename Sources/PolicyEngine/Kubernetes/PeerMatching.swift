import DenyscopeCore

/// Whether a rule's peer covers an endpoint, per the NetworkPolicy API reference:
/// - `podSelector` alone selects pods of the policy's namespace; `namespaceSelector` alone, every pod
///   of the matching namespaces; both together, pods matching both (AND).
/// - Pod selectors never select hosts (nodes, host-network pods) or external addresses.
/// - `ipBlock` matches the endpoint's address, pod addresses included (as the upstream conformance
///   tests expect), unless it falls in one of the `except` blocks. An external endpoint of unknown
///   address matches only an IP block that covers every address (`/0`, no exceptions).
enum PeerMatching {
    static func record(
        _ peer: NetworkPolicyPeer, policyNamespace: String, endpoint: ResolvedEndpoint, into counter: inout MismatchCounter
    ) {
        switch peer {
        case .pods(let pods, let namespaces):
            guard let identity = endpoint.identity else {
                counter.record(
                    .peerKind(expected: describe(pods: pods, namespaces: namespaces, policyNamespace), actual: endpoint.endpoint))
                return
            }
            if let namespaces {
                for requirement in namespaces.requirements where !requirement.matches(identity.namespaceLabels) {
                    counter.record(.namespaceLabel(requirement, namespace: identity.namespace, actual: identity.namespaceLabels))
                    if counter.isFull { return }
                }
            } else if identity.namespace != policyNamespace {
                counter.record(.namespace(expected: policyNamespace, actual: identity.namespace))
                if counter.isFull { return }
            }
            for requirement in pods?.requirements ?? [] where !requirement.matches(identity.labels) {
                counter.record(.podLabel(requirement, actual: identity.labels))
                if counter.isFull { return }
            }
        case .ipBlock(let cidr, let except):
            guard let address = endpoint.ip else {
                let coversEverything = cidr.prefixLength == 0 && except.isEmpty && endpoint.endpoint.kind == .world
                if !coversEverything { counter.record(.ipBlock(cidr: cidr, except: except, actual: nil)) }
                return
            }
            if !cidr.contains(address) || except.contains(where: { $0.contains(address) }) {
                counter.record(.ipBlock(cidr: cidr, except: except, actual: address))
            }
        }
    }

    /// `pods app=db in namespace shop`, `pods {} in namespaces team=a`.
    static func describe(pods: LabelSelector?, namespaces: LabelSelector?, _ policyNamespace: String) -> String {
        let podPart = "pods \(pods?.description ?? "{}")"
        guard let namespaces else { return podPart + " in namespace \(policyNamespace)" }
        return podPart + " in namespaces \(namespaces)"
    }
}
