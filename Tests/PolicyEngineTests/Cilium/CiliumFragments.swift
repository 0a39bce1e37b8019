/// Cilium policy documents for the table rows.
func cnp(_ name: String, in namespace: String = "shop", _ spec: String) -> String {
    """
    apiVersion: cilium.io/v2
    kind: CiliumNetworkPolicy
    metadata: {name: \(name), namespace: \(namespace)}
    spec:
    \(spec.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n"))
    """
}

func ccnp(_ name: String, _ spec: String) -> String {
    """
    apiVersion: cilium.io/v2
    kind: CiliumClusterwideNetworkPolicy
    metadata: {name: \(name)}
    spec:
    \(spec.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n"))
    """
}

/// `endpointSelector` for `app=<app>` followed by the given sections.
func selecting(_ app: String, _ sections: String) -> String {
    "endpointSelector: {matchLabels: {app: \(app)}}\n" + sections
}
