/// Cilium policy documents for the table rows.
func cnp(_ name: String, in namespace: String = "shop", _ spec: String) -> String {
    """
    apiVersion: cilium.io/v2
    kind: CiliumNetworkPolicy
    metadata: {name: \(name), namespace: \(namespace)}
    spec:
    \(indented(spec))
    """
}

func ccnp(_ name: String, _ spec: String) -> String {
    """
    apiVersion: cilium.io/v2
    kind: CiliumClusterwideNetworkPolicy
    metadata: {name: \(name)}
    spec:
    \(indented(spec))
    """
}

/// `endpointSelector` for `app=<app>` followed by the given sections.
func selecting(_ app: String, _ sections: String) -> String {
    "endpointSelector: {matchLabels: {app: \(app)}}\n" + sections
}
