import DenyscopeCore
import Testing

/// `IPProtocol` names and IANA numbers.
struct IPProtocolTests {
    /// Should map each protocol to its IANA number and back; other numbers name no protocol.
    @Test func ianaNumbers() {
        #expect(IPProtocol.allCases.map(\.number) == [6, 17, 132, 1, 58])
        #expect(IPProtocol.allCases.allSatisfy { IPProtocol(number: $0.number) == $0 })
        #expect(IPProtocol(number: 47) == nil)  // GRE
        #expect(IPProtocol(number: 136) == nil)  // UDP-Lite
    }

    /// Should read names in any case.
    @Test func names() {
        #expect(IPProtocol(name: "icmpv6") == .icmpv6)
        #expect(IPProtocol(name: "Tcp") == .tcp)
        #expect(IPProtocol(name: "gre") == nil)
    }
}
