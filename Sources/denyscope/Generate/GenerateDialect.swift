import ArgumentParser

/// `generate --dialect` values: the policy language the snapshot is written in.
enum GenerateDialect: String, ExpressibleByArgument, CaseIterable {
    case kubernetes, cilium, calico

    /// Whether the dialect has deny rules (Kubernetes NetworkPolicy only allows).
    var hasDenyRules: Bool { self != .kubernetes }
}

/// `generate --format` takes the `--input-format` names: which traffic file to write.
extension InputFormatArgument {
    /// The dialect a cluster producing this kind of record runs: Cilium for Hubble, Calico for
    /// Calico logs, Kubernetes NetworkPolicy for a capture.
    var defaultDialect: GenerateDialect {
        switch self {
        case .hubble: return .cilium
        case .calicoLog, .calicoFlowlog: return .calico
        case .pcap: return .kubernetes
        }
    }

    /// The traffic file's name in the output directory.
    var fileName: String {
        switch self {
        case .hubble: return "flows.jsonl"
        case .calicoLog: return "flows.log"
        case .calicoFlowlog: return "flows.jsonl"
        case .pcap: return "flows.pcap"
        }
    }
}
