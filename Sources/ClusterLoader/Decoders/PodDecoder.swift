import DenyscopeCore

/// Decodes a Pod: labels, owner, addresses, host networking and named container ports.
enum PodDecoder {
    static func decode(_ object: Field) throws(InputError) -> Pod {
        let metadata = try ObjectMetadata(object)
        let spec = try object.optional("spec")
        let status = try object.optional("status")
        let template = try podSpec(spec, labels: metadata.labels)
        var ips: [IPAddress] = []
        for entry in try status?.optional("podIPs")?.list() ?? [] {
            let ip = try address(entry.required("ip"))
            if !ips.contains(ip) { ips.append(ip) }
        }
        if let single = try status?.optional("podIP") {
            let ip = try address(single)
            if !ips.contains(ip) { ips.insert(ip, at: 0) }
        }
        return Pod(
            namespace: metadata.namespace, name: metadata.name, labels: metadata.labels, ips: ips,
            hostNetwork: template.hostNetwork, containerPorts: template.containerPorts, serviceAccount: template.serviceAccount,
            nodeName: try spec?.optional("nodeName")?.string(), hostIP: try status?.optional("hostIP").map(address),
            owner: metadata.controller)
    }

    /// The parts of a pod spec that policy evaluation uses: host networking, service account and
    /// the container ports (init containers included, as they can serve named ports too).
    static func podSpec(_ spec: Field?, labels: LabelSet) throws(InputError) -> PodTemplate {
        var ports: [ContainerPort] = []
        for containerKey in ["initContainers", "containers"] {
            for container in try spec?.optional(containerKey)?.list() ?? [] {
                for port in try container.optional("ports")?.list() ?? [] {
                    ports.append(try containerPort(port))
                }
            }
        }
        return PodTemplate(
            labels: labels, hostNetwork: try spec?.optional("hostNetwork")?.bool() ?? false, containerPorts: ports,
            serviceAccount: try spec?.optional("serviceAccountName")?.string() ?? "default")
    }

    private static func containerPort(_ field: Field) throws(InputError) -> ContainerPort {
        let numberField = try field.required("containerPort")
        let number = try numberField.int()
        guard (1...65535).contains(number) else {
            throw numberField.error(.invalidValue, "port \(number) out of range 1-65535")
        }
        return ContainerPort(
            name: try field.optional("name")?.string(), port: UInt16(number),
            protocol: try ProtocolDecoder.decode(field.optional("protocol")))
    }

    static func address(_ field: Field) throws(InputError) -> IPAddress {
        let text = try field.string()
        guard let ip = IPAddress(text) else { throw field.error(.invalidValue, "invalid IP address \"\(text)\"") }
        return ip
    }
}

/// Decodes a Kubernetes `protocol` field: TCP (the default), UDP or SCTP.
enum ProtocolDecoder {
    static func decode(_ field: Field?) throws(InputError) -> IPProtocol {
        guard let field else { return .tcp }
        let name = try field.string()
        guard let proto = IPProtocol(rawValue: name), proto.hasPorts else {
            throw field.error(.invalidValue, "unsupported protocol \"\(name)\" (expected TCP, UDP or SCTP)")
        }
        return proto
    }
}
