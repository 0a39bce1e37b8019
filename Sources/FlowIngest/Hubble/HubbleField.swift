/// The flow fields the Hubble adapter reads, with their paths inside a Flow object.
///
/// Spellings: proto names (`hubble observe -o json`, exporter) and lowerCamelCase (protojson
/// defaults, grpcurl) — reference/hubble.md §2.4. Each is read both inside the `{"flow":…}`
/// wrapper and at the top level of a legacy bare flow.
enum HubbleField: Int, CaseIterable {
    case time, verdict, dropReason, dropReasonDesc, type, nodeName
    case ipSource, ipDestination
    case l4, tcpSourcePort, tcpDestinationPort, tcpFlags, udpSourcePort, udpDestinationPort
    case sctpSourcePort, sctpDestinationPort, icmpv4, icmpv4Type, icmpv4Code, icmpv6, icmpv6Type, icmpv6Code
    case source, sourceIdentity, sourceNamespace, sourceLabels, sourcePodName, sourceWorkloads, sourceCluster
    case destination, destinationIdentity, destinationNamespace, destinationLabels, destinationPodName
    case destinationWorkloads, destinationCluster
    case sourceNames, destinationNames, sourceServiceName, sourceServiceNamespace
    case destinationServiceName, destinationServiceNamespace
    case reply, isReply, eventType, eventSubType, trafficDirection, policyMatchType
    case ingressAllowedBy, egressAllowedBy, ingressDeniedBy, egressDeniedBy
    case tunnelProtocol, l7

    /// The path inside a Flow object, alternatives separated by `|`.
    var path: String {
        switch self {
        case .time: return "time"
        case .verdict: return "verdict"
        case .dropReason: return "drop_reason|dropReason"
        case .dropReasonDesc: return "drop_reason_desc|dropReasonDesc"
        case .type: return "Type"
        case .nodeName: return "node_name|nodeName"
        case .ipSource: return "IP.source"
        case .ipDestination: return "IP.destination"
        case .l4: return "l4"
        case .tcpSourcePort: return "l4.TCP.source_port|sourcePort"
        case .tcpDestinationPort: return "l4.TCP.destination_port|destinationPort"
        case .tcpFlags: return "l4.TCP.flags"
        case .udpSourcePort: return "l4.UDP.source_port|sourcePort"
        case .udpDestinationPort: return "l4.UDP.destination_port|destinationPort"
        case .sctpSourcePort: return "l4.SCTP.source_port|sourcePort"
        case .sctpDestinationPort: return "l4.SCTP.destination_port|destinationPort"
        case .icmpv4: return "l4.ICMPv4"
        case .icmpv4Type: return "l4.ICMPv4.type"
        case .icmpv4Code: return "l4.ICMPv4.code"
        case .icmpv6: return "l4.ICMPv6"
        case .icmpv6Type: return "l4.ICMPv6.type"
        case .icmpv6Code: return "l4.ICMPv6.code"
        case .source: return "source"
        case .sourceIdentity: return "source.identity"
        case .sourceNamespace: return "source.namespace"
        case .sourceLabels: return "source.labels"
        case .sourcePodName: return "source.pod_name|podName"
        case .sourceWorkloads: return "source.workloads"
        case .sourceCluster: return "source.cluster_name|clusterName"
        case .destination: return "destination"
        case .destinationIdentity: return "destination.identity"
        case .destinationNamespace: return "destination.namespace"
        case .destinationLabels: return "destination.labels"
        case .destinationPodName: return "destination.pod_name|podName"
        case .destinationWorkloads: return "destination.workloads"
        case .destinationCluster: return "destination.cluster_name|clusterName"
        case .sourceNames: return "source_names|sourceNames"
        case .destinationNames: return "destination_names|destinationNames"
        case .sourceServiceName: return "source_service|sourceService.name"
        case .sourceServiceNamespace: return "source_service|sourceService.namespace"
        case .destinationServiceName: return "destination_service|destinationService.name"
        case .destinationServiceNamespace: return "destination_service|destinationService.namespace"
        case .reply: return "reply"
        case .isReply: return "is_reply|isReply"
        case .eventType: return "event_type|eventType.type"
        case .eventSubType: return "event_type|eventType.sub_type|subType"
        case .trafficDirection: return "traffic_direction|trafficDirection"
        case .policyMatchType: return "policy_match_type|policyMatchType"
        case .ingressAllowedBy: return "ingress_allowed_by|ingressAllowedBy"
        case .egressAllowedBy: return "egress_allowed_by|egressAllowedBy"
        case .ingressDeniedBy: return "ingress_denied_by|ingressDeniedBy"
        case .egressDeniedBy: return "egress_denied_by|egressDeniedBy"
        case .tunnelProtocol: return "tunnel.protocol"
        case .l7: return "l7"
        }
    }

    /// The path as messages show it: the proto spelling of each component.
    var displayPath: String {
        path.split(separator: ".").map { $0.split(separator: "|").first.map(String.init) ?? "" }.joined(separator: ".")
    }

    /// Whether the field's presence at the top level marks a legacy bare flow (reference/hubble.md §1).
    var marksBareFlow: Bool {
        switch self {
        case .verdict, .ipSource, .ipDestination, .source, .destination, .l4, .type, .eventType: return true
        default: return false
        }
    }
}

/// Fields of the `GetFlowsResponse` / `ExportEvent` wrapper itself.
enum HubbleWrapperField: Int, CaseIterable {
    case flow, nodeName, time, agentEvent, debugEvent, lostEvents, lostCount, nodeStatus

    var path: String {
        switch self {
        case .flow: return "flow"
        case .nodeName: return "node_name|nodeName"
        case .time: return "time"
        case .agentEvent: return "agent_event|agentEvent"
        case .debugEvent: return "debug_event|debugEvent"
        case .lostEvents: return "lost_events|lostEvents"
        case .lostCount: return "lost_events|lostEvents.num_events_lost|numEventsLost"
        case .nodeStatus: return "node_status|nodeStatus"
        }
    }
}

/// Slot layout of the one scan per line: wrapped flow fields, bare flow fields, wrapper fields.
enum HubbleSlots {
    static let fieldCount = HubbleField.allCases.count

    static func wrapped(_ field: HubbleField) -> Int { field.rawValue }
    static func bare(_ field: HubbleField) -> Int { fieldCount + field.rawValue }
    static func wrapper(_ field: HubbleWrapperField) -> Int { 2 * fieldCount + field.rawValue }

    /// Every path of a line. `time` and `node_name` of a bare flow are the wrapper's slots.
    static let paths: JSONFieldPaths = {
        var paths: [(path: String, slot: Int)] = []
        for field in HubbleField.allCases {
            paths.append(("flow." + field.path, wrapped(field)))
            if field != .time, field != .nodeName { paths.append((field.path, bare(field))) }
        }
        for field in HubbleWrapperField.allCases { paths.append((field.path, wrapper(field))) }
        return JSONFieldPaths(dotted: paths)
    }()
}
