import DenyscopeCore

/// The `metadata` fields every decoder needs.
struct ObjectMetadata {
    let name: String
    /// `metadata.namespace`, or `default` as kubectl applies a manifest without one.
    let namespace: String
    let labels: LabelSet
    /// The owner reference marked `controller: true`, else the first one.
    let controller: WorkloadReference?

    init(_ object: Field) throws(InputError) {
        let metadata = try object.required("metadata")
        name = try metadata.required("name").string()
        namespace = try metadata.optional("namespace")?.string() ?? "default"
        labels = LabelSet(try metadata.optional("labels")?.stringMap() ?? [:])
        var owners: [(reference: WorkloadReference, isController: Bool)] = []
        for owner in try metadata.optional("ownerReferences")?.list() ?? [] {
            let reference = WorkloadReference(kind: try owner.required("kind").string(), name: try owner.required("name").string())
            owners.append((reference, try owner.optional("controller")?.bool() ?? false))
        }
        controller = (owners.first { $0.isController } ?? owners.first)?.reference
    }
}
