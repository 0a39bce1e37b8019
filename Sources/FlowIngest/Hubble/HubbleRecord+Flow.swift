import DenyscopeCore

extension HubbleRecord {
    /// Fills `flow` (made with the record's location) with the normalized fields of this record.
    ///
    /// In place, not returned: returning the flow from this throwing function copied it (a retain
    /// of each of its references) and destroyed the local. The non-throwing builders of the Calico
    /// adapter return theirs without that copy.
    func read(into flow: inout Flow, cache: inout HubbleLabelCache) throws(HubbleFieldError) {
        flow.time = try time()
        let wrapperNode = try wrapperString(.nodeName, cache: &cache)
        flow.node = try string(.nodeName, cache: &cache) ?? wrapperNode
        try readAddresses(into: &flow)
        try readTransport(into: &flow)
        let (source, sourcePeer) = try sharedEndpoint(.source, ip: flow.source.ip, cache: &cache)
        let (destination, destinationPeer) = try sharedEndpoint(.destination, ip: flow.destination.ip, cache: &cache)
        flow.source = source
        flow.destination = destination
        flow.sharePeers(
            source: try peer(sourcePeer, names: .sourceNames, service: (.sourceServiceName, .sourceServiceNamespace)),
            destination: try peer(
                destinationPeer, names: .destinationNames, service: (.destinationServiceName, .destinationServiceNamespace)))
        // `reply` is deprecated and only written when true; `is_reply` absent means unknown (§4.4).
        let legacyReply: Bool? = try bool(.reply) == true ? true : nil
        flow.isReply = try bool(.isReply) ?? legacyReply
        flow.direction = try direction()
        flow.tunnel = try tunnel()
        flow.l7 = try l7()
        let eventType = try unsigned(.eventType, limit: UInt64(Int32.max)).map { Int($0) }
        let subType = try unsigned(.eventSubType, limit: UInt64(Int32.max)).map { Int($0) }
        flow.event = FlowEvent.hubble(type: eventType, subType: subType)
        let isL7 = try isL7Type() || flow.event.kind == .l7
        if flow.event.kind == .unknown, eventType == nil, isL7 { flow.event = FlowEvent(kind: .l7) }
        flow.observed = try observed(event: flow.event, isL7: isL7)
    }

    /// A side's shared peer with what this record adds to it (DNS names, the service), boxed anew
    /// only when the record adds something.
    private func peer(
        _ shared: OutOfLine<FlowPeer>, names: HubbleField, service: (name: HubbleField, namespace: HubbleField)
    ) throws(HubbleFieldError) -> OutOfLine<FlowPeer> {
        let dnsNames = try strings(names)
        let serviceName = try self.service(name: service.name, namespace: service.namespace)
        guard !dnsNames.isEmpty || serviceName != nil else { return shared }
        var peer = shared.wrappedValue ?? .none
        peer.dnsNames = dnsNames
        peer.service = serviceName
        return OutOfLine(wrappedValue: peer)
    }

    private func wrapperString(_ field: HubbleWrapperField, cache: inout HubbleLabelCache) throws(HubbleFieldError) -> String? {
        guard let span = wrapperSpan(field) else { return nil }
        guard span.kind == .string else {
            throw HubbleFieldError(
                code: .invalidField, message: "field \"\(field.path.split(separator: "|")[0])\": expected string, got \(span.kind)")
        }
        return span.hasEscapes ? span.string(in: line) : cache.text(span.rawBytes(in: line))
    }

    private func time() throws(HubbleFieldError) -> Int64? {
        if let span = span(.time) {
            guard span.kind == .string else { throw wrongKind(.time, "string", span) }
            guard !span.hasEscapes, let value = RFC3339.nanoseconds(span.rawBytes(in: line)) else {
                throw invalid(.time, "invalid RFC 3339 time \(quoted(span))")
            }
            return value
        }
        guard let span = wrapperSpan(.time) else { return nil }
        guard span.kind == .string, !span.hasEscapes, let value = RFC3339.nanoseconds(span.rawBytes(in: line)) else {
            throw HubbleFieldError(code: .invalidField, message: "field \"time\": invalid RFC 3339 time \(quoted(span))")
        }
        return value
    }

    private func address(_ field: HubbleField) throws(HubbleFieldError) -> IPAddress? {
        guard let span = span(field) else { return nil }
        guard span.kind == .string else { throw wrongKind(field, "string", span) }
        if span.count == 0 { return nil }
        guard !span.hasEscapes, let address = IPAddress(bytes: span.rawBytes(in: line)) else {
            throw invalid(field, "invalid IP address \(quoted(span))")
        }
        return address
    }

    private func readAddresses(into flow: inout Flow) throws(HubbleFieldError) {
        flow.source.ip = try address(.ipSource)
        flow.destination.ip = try address(.ipDestination)
    }

    private func readTransport(into flow: inout Flow) throws(HubbleFieldError) {
        guard let l4 = try object(.l4) else { return }
        if l4.count <= 2 { return }
        if span(.tcpSourcePort) != nil || span(.tcpDestinationPort) != nil || span(.tcpFlags) != nil || containsKey(l4, "TCP") {
            flow.ipProtocol = .tcp
            flow.sourcePort = try port(.tcpSourcePort)
            flow.destinationPort = try port(.tcpDestinationPort)
            flow.tcpFlags = try tcpFlags()
        } else if span(.udpSourcePort) != nil || span(.udpDestinationPort) != nil || containsKey(l4, "UDP") {
            flow.ipProtocol = .udp
            flow.sourcePort = try port(.udpSourcePort)
            flow.destinationPort = try port(.udpDestinationPort)
        } else if span(.sctpSourcePort) != nil || span(.sctpDestinationPort) != nil || containsKey(l4, "SCTP") {
            flow.ipProtocol = .sctp
            flow.sourcePort = try port(.sctpSourcePort)
            flow.destinationPort = try port(.sctpDestinationPort)
        } else if try object(.icmpv4) != nil {
            // Zero values are omitted: `{"ICMPv4":{}}` is an echo reply, type 0 code 0.
            flow.ipProtocol = .icmp
            flow.icmpType = UInt8(try unsigned(.icmpv4Type, limit: 255) ?? 0)
            flow.icmpCode = UInt8(try unsigned(.icmpv4Code, limit: 255) ?? 0)
        } else if try object(.icmpv6) != nil {
            flow.ipProtocol = .icmpv6
            flow.icmpType = UInt8(try unsigned(.icmpv6Type, limit: 255) ?? 0)
            flow.icmpCode = UInt8(try unsigned(.icmpv6Code, limit: 255) ?? 0)
        }
        // VRRP, IGMP and unknown L4 kinds leave the protocol empty: no policy can name them.
    }

    /// Whether the object at `span` has a member `key` (for `{"TCP":{}}`, whose fields are all zero).
    private func containsKey(_ span: JSONSpan, _ key: StaticString) -> Bool {
        var found = false
        try? HubbleLineParser.scanner.forEachMember(of: span, in: line) { member, _ in
            if member.isString(key, in: line) { found = true }
        }
        return found
    }

    /// The flags set to `true` in `flags` (`{"SYN":true,"ACK":true}`), read from the bytes: most
    /// records have this object.
    private func tcpFlags() throws(HubbleFieldError) -> TCPFlags {
        guard let span = try object(.tcpFlags) else { return [] }
        var flags: TCPFlags = []
        do {
            try HubbleLineParser.scanner.forEachMember(of: span, in: line) { key, value in
                guard value.bool(in: line) == true else { return }
                if key.hasEscapes {
                    if let name = key.string(in: line), let flag = TCPFlags(name: name) { flags.insert(flag) }
                } else if let flag = Self.flagNames.first(where: { key.bytesEqual($0.bytes, in: line) })?.flag {
                    flags.insert(flag)
                }
            }
        } catch {
            throw invalid(.tcpFlags, "\(error)")
        }
        return flags
    }

    /// The flag names (the members of Hubble's `TCPFlags` message) as bytes.
    private static let flagNames = TCPFlags.names.map { (bytes: Array($0.name.utf8), flag: $0.flag) }

    private func service(name: HubbleField, namespace: HubbleField) throws(HubbleFieldError) -> String? {
        guard let serviceName = try string(name), !serviceName.isEmpty else { return nil }
        return (try string(namespace)).map { "\($0)/\(serviceName)" } ?? serviceName
    }

    private func direction() throws(HubbleFieldError) -> Direction? {
        switch try enumeration(.trafficDirection) {
        case .name(let span)?:
            if span.isString("INGRESS", in: line) { return .ingress }
            if span.isString("EGRESS", in: line) { return .egress }
            if span.isString("TRAFFIC_DIRECTION_UNKNOWN", in: line) { return nil }
            throw invalid(.trafficDirection, "unknown traffic direction \(quoted(span))")
        case .number(1)?: return .ingress
        case .number(2)?: return .egress
        case .number(0)?, nil: return nil
        case .number(let other)?: throw invalid(.trafficDirection, "unknown traffic direction \(other)")
        }
    }

    private func tunnel() throws(HubbleFieldError) -> String? {
        switch try enumeration(.tunnelProtocol) {
        case .name(let span)?: return span.string(in: line)
        case .number(1)?: return "VXLAN"
        case .number(2)?: return "GENEVE"
        case .number(let other)?: return other == 0 ? nil : String(other)
        case nil: return nil
        }
    }

    private func isL7Type() throws(HubbleFieldError) -> Bool {
        switch try enumeration(.type) {
        case .name(let span)?: return span.isString("L7", in: line)
        case .number(let number)?: return number == 2
        case nil: return false
        }
    }
}
