import DenyscopeCore

/// Decodes a Namespace; its name label is added by `Namespace` itself.
enum NamespaceDecoder {
    static func decode(_ object: Field) throws(InputError) -> Namespace {
        let metadata = try ObjectMetadata(object)
        return Namespace(name: metadata.name, labels: metadata.labels)
    }
}

/// Decodes a Service's selector, cluster IPs and ports.
enum ServiceDecoder {
    static func decode(_ object: Field) throws(InputError) -> Service {
        let metadata = try ObjectMetadata(object)
        let spec = try object.optional("spec")
        var clusterIPs: [IPAddress] = []
        var addressFields = try spec?.optional("clusterIPs")?.list() ?? []
        if let single = try spec?.optional("clusterIP") { addressFields.insert(single, at: 0) }
        for field in addressFields where try field.string() != "None" {
            let ip = try PodDecoder.address(field)
            if !clusterIPs.contains(ip) { clusterIPs.append(ip) }
        }
        var ports: [ServicePort] = []
        for port in try spec?.optional("ports")?.list() ?? [] {
            let numberField = try port.required("port")
            let number = try numberField.int()
            guard (1...65535).contains(number) else { throw numberField.error(.invalidValue, "port \(number) out of range 1-65535") }
            let target = try port.optional("targetPort").map(PortValueDecoder.decode) ?? .number(UInt16(number))
            ports.append(
                ServicePort(
                    name: try port.optional("name")?.string(), port: UInt16(number),
                    protocol: try ProtocolDecoder.decode(port.optional("protocol")), targetPort: target))
        }
        return Service(
            namespace: metadata.namespace, name: metadata.name, selector: try spec?.optional("selector")?.stringMap(),
            clusterIPs: clusterIPs, ports: ports)
    }
}

/// Decodes a Node's addresses (`status.addresses`, every type that is an IP).
enum NodeDecoder {
    static func decode(_ object: Field) throws(InputError) -> Node {
        let metadata = try ObjectMetadata(object)
        var addresses: [IPAddress] = []
        for entry in try object.optional("status")?.optional("addresses")?.list() ?? [] {
            // Hostname entries are names, not addresses.
            if let ip = IPAddress(try entry.required("address").string()), !addresses.contains(ip) { addresses.append(ip) }
        }
        return Node(name: metadata.name, labels: metadata.labels, addresses: addresses)
    }
}

/// Decodes a pod owner (ReplicaSet, Deployment, StatefulSet, DaemonSet, Job, CronJob).
enum WorkloadDecoder {
    static let kinds: Set<String> = ["ReplicaSet", "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicationController"]

    static func decode(_ object: Field, kind: String) throws(InputError) -> WorkloadObject {
        let metadata = try ObjectMetadata(object)
        var spec = try object.optional("spec")
        if kind == "CronJob" { spec = try spec?.optional("jobTemplate")?.optional("spec") }
        var template: PodTemplate?
        if let templateField = try spec?.optional("template") {
            let labels = LabelSet(try templateField.optional("metadata")?.optional("labels")?.stringMap() ?? [:])
            template = try PodDecoder.podSpec(templateField.optional("spec"), labels: labels)
        }
        return WorkloadObject(
            kind: kind, namespace: metadata.namespace, name: metadata.name, owner: metadata.controller, template: template)
    }
}
