import DenyscopeTestSupport
import FlowIngest
import Foundation
import Testing

/// Format guesses from the first bytes.
struct FormatSnifferTests {
    func sniff(_ bytes: [UInt8]) -> FormatSniffer.Guess {
        bytes.withUnsafeBytes { FormatSniffer.sniff($0) }
    }

    /// Should recognize every Hubble JSON sample and fixture as Hubble.
    @Test(arguments: [
        "cilium-docs__export-rst__events-log-dropped.jsonl", "cilium__exporter_test__events-log-mixed-event-kinds.jsonl",
        "hubble-otel__basic-sample-10-flows.jsonl", "legacy-bare-flow.jsonl", "lower-camel-case.jsonl", "events-log-mixed.jsonl",
    ])
    func recognizesHubble(file: String) throws {
        #expect(sniff(try fixtureBytes("flows/hubble/" + file)) == .format(.hubble))
    }

    /// Should not take other inputs for Hubble JSON.
    @Test(arguments: [
        ("Feb  7 12:53:39.168: default/tiefighter:54134 (ID:31028) -> default/deathstar", FormatSniffer.Guess.unknown),
        (
            "Nov 23 07:06:00 node-2 kernel: [12345.679663] calico-packet: IN=cali1 OUT= SRC=10.0.0.1 DST=10.0.0.2",
            .format(.calicoLog)
        ),
        (#"{"start_time":1,"action":"deny","source_namespace":"a"}"#, .format(.calicoFlowLog)),
        (#"{"from":"a/b","to":"c/d","port":80}"#, .unknown),
        ("", .unknown),
    ])
    func recognizesOthers(text: String, guess: FormatSniffer.Guess) {
        #expect(sniff(Array(text.utf8)) == guess)
    }

    /// Should tell binary containers apart by magic number.
    @Test func recognizesMagicNumbers() {
        #expect(sniff([0x1F, 0x8B, 0x08, 0x00]) == .gzip)
        #expect(sniff([0xD4, 0xC3, 0xB2, 0xA1, 0x02, 0x00]) == .format(.pcap))
        #expect(sniff([0x0A, 0x0D, 0x0D, 0x0A, 0x1C, 0x00]) == .format(.pcap))
    }
}
