/// Calico documents for the table rows.
func calico(_ kind: String, _ name: String, in namespace: String? = "shop", _ spec: String) -> String {
    let metadata = namespace.map { "{name: \(name), namespace: \($0)}" } ?? "{name: \(name)}"
    return """
        apiVersion: projectcalico.org/v3
        kind: \(kind)
        metadata: \(metadata)
        spec:
        \(indented(spec))
        """
}

func tier(_ name: String, order: Int, defaultAction: String = "Deny") -> String {
    "apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: \(name)}\nspec: {order: \(order), defaultAction: \(defaultAction)}"
}
