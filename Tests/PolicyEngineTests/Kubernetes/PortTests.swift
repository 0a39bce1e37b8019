import Testing

/// Ports: number, named port (resolved on the destination pod, with protocol), `endPort`, and the
/// protocols TCP (default), UDP and SCTP.
struct PortTests {
    static func webPorts(_ name: String, _ ports: String) -> String {
        policy(name, "podSelector: {matchLabels: {app: web}}\ningress:\n- ports:\n" + ports)
    }

    static let port80 = webPorts("port-80", "  - port: 80")
    static let namedHTTP = webPorts("named-http", "  - port: http")
    static let namedDNS = webPorts("named-dns", "  - {port: dns, protocol: UDP}")
    static let range = webPorts("range", "  - {port: 8000, endPort: 9000}")
    static let udp53 = webPorts("udp-53", "  - {protocol: UDP, port: 53}")
    static let sctp = webPorts("sctp-9999", "  - {protocol: SCTP, port: 9999}")
    static let allUDP = webPorts("all-udp", "  - protocol: UDP")
    static let dbNamedPort = policy(
        "frontend-to-postgres",
        "podSelector: {matchLabels: {app: frontend}}\negress:\n- to:\n  - podSelector: {matchLabels: {app: db}}\n  ports:\n  - port: postgres"
    )

    static let rows: [Row] = [
        Row(
            name: "a numbered port matches", policies: [port80], from: "shop/frontend", to: "shop/web", egress: "not-isolated",
            ingress: "allowed-by shop/port-80#0"),
        Row(
            name: "another port is a near miss", policies: [port80], from: "shop/frontend", to: "shop/web", port: 8080,
            egress: "not-isolated", ingress: "default-deny shop/port-80",
            nearMisses: ["ingress shop/port-80#0 port: expected [80], got 8080"]),
        Row(
            name: "TCP is the default protocol", policies: [port80], from: "shop/frontend", to: "shop/web", proto: "UDP",
            egress: "not-isolated", ingress: "default-deny shop/port-80",
            nearMisses: ["ingress shop/port-80#0 protocol: expected [80], got UDP"]),
        Row(
            name: "a named port resolves on the destination pod", policies: [namedHTTP], from: "shop/frontend", to: "shop/web",
            egress: "not-isolated", ingress: "allowed-by shop/named-http#0"),
        Row(
            name: "a named port does not match another number", policies: [namedHTTP], from: "shop/frontend", to: "shop/web",
            port: 9090, egress: "not-isolated", ingress: "default-deny shop/named-http",
            nearMisses: ["ingress shop/named-http#0 port: expected [http (80)], got 9090"]),
        Row(
            name: "a named port resolves with its protocol", policies: [namedDNS], from: "shop/frontend", to: "shop/web", port: 53,
            proto: "UDP", egress: "not-isolated", ingress: "allowed-by shop/named-dns#0"),
        Row(
            name: "a named UDP port does not admit TCP", policies: [namedDNS], from: "shop/frontend", to: "shop/web", port: 53,
            egress: "not-isolated", ingress: "default-deny shop/named-dns",
            nearMisses: ["ingress shop/named-dns#0 protocol: expected [dns/UDP (53)], got TCP"]),
        Row(
            name: "an egress named port resolves on the destination pod", policies: [dbNamedPort], from: "shop/frontend", to: "shop/db",
            port: 5432, egress: "allowed-by shop/frontend-to-postgres#0", ingress: "not-isolated"),
        Row(
            name: "an egress named port the destination lacks never matches", policies: [dbNamedPort], from: "shop/frontend",
            to: "shop/web", port: 5432, egress: "default-deny shop/frontend-to-postgres", ingress: "not-isolated"),
        Row(
            name: "endPort covers the range", policies: [range], from: "shop/frontend", to: "shop/web", port: 9000,
            egress: "not-isolated", ingress: "allowed-by shop/range#0"),
        Row(
            name: "endPort stops at its end", policies: [range], from: "shop/frontend", to: "shop/web", port: 9001,
            egress: "not-isolated", ingress: "default-deny shop/range",
            nearMisses: ["ingress shop/range#0 port: expected [8000-9000], got 9001"]),
        Row(
            name: "UDP port matches UDP", policies: [udp53], from: "shop/frontend", to: "shop/web", port: 53, proto: "UDP",
            egress: "not-isolated", ingress: "allowed-by shop/udp-53#0"),
        Row(
            name: "UDP port does not admit TCP", policies: [udp53], from: "shop/frontend", to: "shop/web", port: 53,
            egress: "not-isolated", ingress: "default-deny shop/udp-53",
            nearMisses: ["ingress shop/udp-53#0 protocol: expected [53/UDP], got TCP"]),
        Row(
            name: "SCTP port matches SCTP", policies: [sctp], from: "shop/frontend", to: "shop/web", port: 9999, proto: "SCTP",
            egress: "not-isolated", ingress: "allowed-by shop/sctp-9999#0"),
        Row(
            name: "a protocol without port admits every port of it", policies: [allUDP], from: "shop/frontend", to: "shop/web",
            port: 31337, proto: "UDP", egress: "not-isolated", ingress: "allowed-by shop/all-udp#0"),
        Row(
            name: "ICMP never matches a port list", policies: [port80], from: "shop/frontend", to: "shop/web", port: nil,
            proto: "ICMP", egress: "not-isolated", ingress: "default-deny shop/port-80",
            nearMisses: ["ingress shop/port-80#0 protocol: expected [80], got ICMP"]),
    ]

    /// Should match ports and protocols as the API reference says, in every policy order.
    @Test(arguments: rows)
    func ports(row: Row) throws {
        try check(row)
    }
}
