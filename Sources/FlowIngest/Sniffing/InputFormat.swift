/// The input formats of `--input-format` (DESIGN.md §4).
public enum InputFormat: String, Hashable, Sendable, CaseIterable {
    /// Hubble flow JSON lines: `hubble observe -o json|jsonpb`, exporter `events.log`, bare flows.
    case hubble
    /// Calico iptables/eBPF `LOG` lines (syslog or kernel trace).
    case calicoLog = "calico-log"
    /// Calico flow logs (JSON lines).
    case calicoFlowLog = "calico-flowlog"
    /// pcap or pcapng captures.
    case pcap
}
