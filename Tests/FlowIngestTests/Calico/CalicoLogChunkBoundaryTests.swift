import DenyscopeCore
import FlowIngest
import Testing

/// Every Calico `LOG` fixture gives the same flows and stats whole, byte by byte, and split anywhere.
struct CalicoLogChunkBoundaryTests {
    static let fixtures = [
        "flows/calico/calico-docs__log-rules-mdx__iptables-log-action.syslog",
        "flows/calico/calico-enterprise-docs__iptables-mdx__dropactionoverride-calico-drop.syslog",
        "flows/calico/calico-docs__log-rules-mdx__ebpf-log-action.tracepipe",
        "flows/calico/log-syslog-rfc3164.log",
        "flows/calico/log-syslog-rfc5424.log",
        "flows/calico/log-journalctl-short.log",
        "flows/calico/log-journalctl-short-iso.log",
        "flows/calico/log-journalctl-short-precise.log",
        "flows/calico/log-journalctl-json.jsonl",
        "flows/calico/log-dmesg-raw.log",
        "flows/calico/log-dmesg-T.log",
        "flows/calico/log-custom-prefix.log",
        "flows/calico/log-protocols.log",
        "bad/calico-log/bad-records.log",
        "bad/calico-log/truncated.log",
    ]

    /// Should not depend on where chunks are cut.
    @Test(arguments: fixtures)
    func chunkingDoesNotMatter(fixture: String) throws {
        let adapter = CalicoLogAdapter(prefixTemplate: CalicoLogPrefixTemplate("calico-packet %k:%p:%t:%n"))
        verifyChunkBoundaries(adapter: adapter, try fixtureBytes(fixture), file: fixture)
    }
}
