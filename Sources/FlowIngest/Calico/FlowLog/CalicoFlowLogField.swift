/// The flow-log fields the Calico flow-log adapter reads, each with every spelling it has:
/// Enterprise `flows.log` (reference/calico-logs.md §5.2), the Goldmane emitter's Go
/// `encoding/json` with its `Key` object (§6.5), and Whisker's `FlowResponse` (§6.3).
enum CalicoFlowLogField: Int, CaseIterable {
    case startTime, sourceIP, destinationIP, sourceName, destinationName, sourceNameAggregated, destinationNameAggregated
    case sourceNamespace, destinationNamespace, sourcePort, destinationPort, sourceType, destinationType
    case sourceLabels, destinationLabels, sourceLabelList, destinationLabelList, serviceNamespace, serviceName
    case proto, action, reporter, enforced, pending, all, numFlows, numFlowsStarted, numConnectionsStarted, host, key, items

    /// The paths of the field; each is a dotted path from the top-level object.
    var paths: [String] {
        switch self {
        case .startTime: return ["start_time"]
        case .sourceIP: return ["source_ip"]
        case .destinationIP: return ["dest_ip"]
        case .sourceName: return ["source_name", "Key.source_name"]
        case .destinationName: return ["dest_name", "Key.dest_name"]
        case .sourceNameAggregated: return ["source_name_aggr"]
        case .destinationNameAggregated: return ["dest_name_aggr"]
        case .sourceNamespace: return ["source_namespace", "Key.source_namespace"]
        case .destinationNamespace: return ["dest_namespace", "Key.dest_namespace"]
        case .sourcePort: return ["source_port"]
        case .destinationPort: return ["dest_port", "Key.dest_port"]
        case .sourceType: return ["source_type", "Key.source_type"]
        case .destinationType: return ["dest_type", "Key.dest_type"]
        case .sourceLabels: return ["source_labels"]
        case .destinationLabels: return ["dest_labels"]
        case .sourceLabelList: return ["source_labels.labels"]
        case .destinationLabelList: return ["dest_labels.labels"]
        case .serviceNamespace: return ["dest_service_namespace", "Key.dest_service_namespace"]
        case .serviceName: return ["dest_service_name", "Key.dest_service_name"]
        case .proto: return ["proto", "protocol", "Key.proto"]
        case .action: return ["action", "Key.action"]
        case .reporter: return ["reporter", "Key.reporter"]
        case .enforced: return ["policies.enforced_policies|enforced", "Key.policies.enforced_policies"]
        case .pending: return ["policies.pending_policies|pending", "Key.policies.pending_policies"]
        case .all: return ["policies.all_policies"]
        case .numFlows: return ["num_flows"]
        case .numFlowsStarted: return ["num_flows_started"]
        case .numConnectionsStarted: return ["num_connections_started"]
        case .host: return ["host"]
        case .key: return ["Key"]
        case .items: return ["items"]
        }
    }

    /// The name messages use: the first spelling.
    var displayName: String { paths[0].split(separator: "|")[0].description }

    static let scanner = JSONFieldScanner(
        paths: JSONFieldPaths(dotted: allCases.flatMap { field in field.paths.map { (path: $0, slot: field.rawValue) } }))

    /// Fields of a Goldmane `PolicyHit` object.
    static let hitScanner = JSONFieldScanner(
        paths: JSONFieldPaths(dotted: [
            ("kind", 0), ("namespace", 1), ("name", 2), ("tier", 3), ("action", 4), ("policy_index", 5), ("rule_index", 6),
            ("trigger", 7),
        ]))
}
