import DenyscopeCore

/// Decodes one Calico rule: action, protocol and ICMP criteria, and its source/destination entity rules.
enum CalicoRuleDecoder {
    static let protocolNumbers: [String: UInt8] = ["TCP": 6, "UDP": 17, "ICMP": 1, "ICMPv6": 58, "SCTP": 132, "UDPLite": 136]
    private static let portProtocols: Set<UInt8> = [6, 17, 132, 136]

    static func decode(_ field: Field) throws(InputError) -> CalicoRule {
        let actionField = try field.required("action")
        let action: CalicoRule.Action
        switch try actionField.string() {
        case "Allow", "allow": action = .allow
        case "Deny", "deny": action = .deny
        case "Log", "log": action = .log
        case "Pass", "pass", "next-tier": action = .pass
        case let other: throw actionField.error(.invalidValue, "unknown action \"\(other)\" (expected Allow, Deny, Log or Pass)")
        }
        var ipVersion: Int?
        if let versionField = try field.optional("ipVersion") {
            let value = try versionField.int()
            guard value == 4 || value == 6 else { throw versionField.error(.invalidValue, "ipVersion must be 4 or 6") }
            ipVersion = value
        }
        let proto = try protocolNumber(field.optional("protocol"))
        let source = try entity(field.optional("source"))
        let destination = try entity(field.optional("destination"))
        if !(source.ports.isEmpty && source.notPorts.isEmpty && destination.ports.isEmpty && destination.notPorts.isEmpty),
            !(proto.map(portProtocols.contains) ?? false)
        {
            throw field.error(.invalidValue, "ports need protocol TCP, UDP, SCTP or UDPLite")
        }
        return CalicoRule(
            action: action, ipVersion: ipVersion, protocolNumber: proto,
            notProtocolNumber: try protocolNumber(field.optional("notProtocol")),
            icmp: try icmp(field.optional("icmp")), notICMP: try icmp(field.optional("notICMP")), source: source,
            destination: destination, hasHTTPMatch: try field.optional("http") != nil)
    }

    private static func protocolNumber(_ field: Field?) throws(InputError) -> UInt8? {
        guard let field else { return nil }
        if field.kind == "integer" {
            let value = try field.int()
            guard (1...255).contains(value) else { throw field.error(.invalidValue, "protocol \(value) out of range 1-255") }
            return UInt8(value)
        }
        let name = try field.string()
        guard let number = protocolNumbers[name] else {
            throw field.error(.invalidValue, "unknown protocol \"\(name)\" (expected TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite or 1-255)")
        }
        return number
    }

    private static func icmp(_ field: Field?) throws(InputError) -> CalicoICMPMatch? {
        guard let field else { return nil }
        let typeField = try field.optional("type")
        let codeField = try field.optional("code")
        guard let typeField else {
            if codeField != nil { throw field.error(.invalidValue, "an ICMP code needs a type") }
            return nil
        }
        let type = try typeField.int()
        guard (0...254).contains(type) else { throw typeField.error(.invalidValue, "ICMP type \(type) out of range 0-254") }
        var code: UInt8?
        if let codeField {
            let value = try codeField.int()
            guard (0...255).contains(value) else { throw codeField.error(.invalidValue, "ICMP code \(value) out of range 0-255") }
            code = UInt8(value)
        }
        return CalicoICMPMatch(type: UInt8(type), code: code)
    }

    private static func entity(_ field: Field?) throws(InputError) -> CalicoEntityRule {
        guard let field else { return CalicoEntityRule() }
        func nets(_ key: String) throws(InputError) -> [CIDR] {
            var result: [CIDR] = []
            for item in try field.optional(key)?.list() ?? [] { result.append(try cidr(item)) }
            return result
        }
        func ports(_ key: String) throws(InputError) -> [CalicoPort] {
            var result: [CalicoPort] = []
            for item in try field.optional(key)?.list() ?? [] { result.append(try port(item)) }
            return result
        }
        let accounts = try field.optional("serviceAccounts")
        var names: [String] = []
        for item in try accounts?.optional("names")?.list() ?? [] { names.append(try item.string()) }
        var service: String?
        if let services = try field.optional("services") {
            let name = try services.required("name").string()
            service = (try services.optional("namespace")?.string()).map { "\($0)/\(name)" } ?? name
        }
        return CalicoEntityRule(
            nets: try nets("nets"), notNets: try nets("notNets"), selector: try CalicoSelectorField.decode(field.optional("selector")),
            notSelector: try CalicoSelectorField.decode(field.optional("notSelector")),
            namespaceSelector: try CalicoSelectorField.decode(field.optional("namespaceSelector")), serviceAccountNames: names,
            serviceAccountSelector: try CalicoSelectorField.decode(accounts?.optional("selector")),
            service: service, ports: try ports("ports"), notPorts: try ports("notPorts"))
    }

    static func cidr(_ field: Field) throws(InputError) -> CIDR {
        let text = try field.string()
        guard let block = CIDR(text) else { throw field.error(.invalidValue, "invalid CIDR \"\(text)\"") }
        return block
    }

    /// `80`, `"6040:6050"` or a named port.
    private static func port(_ field: Field) throws(InputError) -> CalicoPort {
        if field.kind == "integer" {
            let value = try field.int()
            guard (0...65535).contains(value) else { throw field.error(.invalidValue, "port \(value) out of range 0-65535") }
            return .range(PortRange(UInt16(value)))
        }
        let text = try field.string()
        let bounds = text.split(separator: ":", omittingEmptySubsequences: false)
        if bounds.count == 2 {
            guard let low = UInt16(bounds[0]), let high = UInt16(bounds[1]), let range = PortRange(low, high) else {
                throw field.error(.invalidValue, "invalid port range \"\(text)\" (expected first:last with first ≤ last)")
            }
            return .range(range)
        }
        if let number = UInt16(text) { return .range(PortRange(number)) }
        guard PortValueDecoder.isValidPortName(text) else { throw field.error(.invalidValue, "invalid port \"\(text)\"") }
        return .named(text)
    }
}
