import PolicyEngine
import Testing

/// Calico rule criteria: selectors with their scope, nets, ports, protocols, ICMP and network sets.
struct CalicoRuleTests {
    static func web(_ name: String, _ rule: String) -> String {
        calico("NetworkPolicy", name, "selector: app == 'web'\ningress:\n- " + rule)
    }

    static let absentLabel = web("no-tier", "{action: Allow, source: {selector: tier != 'frontend'}}")
    static let marketingByNamespace = web("from-marketing", "{action: Allow, source: {namespaceSelector: team == 'marketing'}}")
    static let frontendAnywhere = web(
        "frontend-anywhere", "{action: Allow, source: {selector: app == 'frontend', namespaceSelector: all()}}")
    static let frontendHere = web("frontend-here", "{action: Allow, source: {selector: app == 'frontend'}}")
    static let marketingNets = web("marketing-nets", "{action: Allow, source: {nets: [10.0.2.0/24], notNets: [10.0.2.11/32]}}")
    static let namedPort = web("named-port", "{action: Allow, protocol: TCP, destination: {ports: [http]}}")
    static let portRange = web("port-range", "{action: Allow, protocol: TCP, destination: {ports: ['8000:9000'], notPorts: [8080]}}")
    static let ping = web("ping", "{action: Allow, protocol: ICMP, icmp: {type: 8}}")
    static let notUDP = web("not-udp", "{action: Allow, notProtocol: UDP}")
    static let partners = """
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkSet
        metadata: {name: partners, labels: {role: partners}}
        spec: {nets: [203.0.113.0/24]}
        """
    static let fromPartners = web("from-partners", "{action: Allow, source: {selector: role == 'partners', namespaceSelector: global()}}")
    static let byServiceAccount = web("by-account", "{action: Allow, source: {serviceAccounts: {names: [default]}}}")
    static let byServiceAccountSelector = web(
        "by-account-selector", "{action: Allow, source: {serviceAccounts: {selector: \"projectcalico.org/name == 'crawler'\"}}}")
    static let notFrontend = web("not-frontend", "{action: Allow, source: {notSelector: app == 'frontend'}}")

    static let rows: [Row] = [
        Row(
            name: "!= matches a pod without the label", policies: [absentLabel], from: "shop/db", to: "shop/web", egress: "not-isolated",
            ingress: "allowed-by shop/no-tier#0"),
        Row(
            name: "!= rejects the value", policies: [absentLabel], from: "shop/frontend", to: "shop/web", egress: "not-isolated",
            ingress: "end-of-tier shop/no-tier",
            nearMisses: [
                "ingress shop/no-tier#0 podLabel: expected selector tier != \"frontend\", got shop/frontend with app=frontend,tier=frontend"
            ]),
        Row(
            name: "a namespaceSelector selects pods of other namespaces", policies: [marketingByNamespace], from: "marketing/crawler",
            to: "shop/web", egress: "not-isolated", ingress: "allowed-by shop/from-marketing#0"),
        Row(
            name: "namespaceSelector all() with a selector selects that app anywhere", policies: [frontendAnywhere],
            from: "marketing/frontend", to: "shop/web", egress: "not-isolated", ingress: "allowed-by shop/frontend-anywhere#0"),
        Row(
            name: "a namespaced policy's selector stays in its namespace", policies: [frontendHere], from: "marketing/frontend",
            to: "shop/web", egress: "not-isolated", ingress: "end-of-tier shop/frontend-here",
            nearMisses: [
                "ingress shop/frontend-here#0 namespace: expected namespace shop, got namespace marketing"
            ]),
        Row(
            name: "nets match pod addresses", policies: [marketingNets], from: "marketing/frontend", to: "shop/web", egress: "not-isolated",
            ingress: "allowed-by shop/marketing-nets#0"),
        Row(
            name: "notNets exclude an address", policies: [marketingNets], from: "marketing/crawler", to: "shop/web",
            egress: "not-isolated", ingress: "end-of-tier shop/marketing-nets",
            nearMisses: ["ingress shop/marketing-nets#0 ipBlock: expected source not in 10.0.2.11/32, got marketing/crawler"]),
        Row(
            name: "a named port resolves on the destination", policies: [namedPort], from: "shop/frontend", to: "shop/web",
            egress: "not-isolated", ingress: "allowed-by shop/named-port#0"),
        Row(
            name: "a port range includes its ends", policies: [portRange], from: "shop/frontend", to: "shop/web", port: 9000,
            egress: "not-isolated", ingress: "allowed-by shop/port-range#0"),
        Row(
            name: "notPorts excludes a port of the range", policies: [portRange], from: "shop/frontend", to: "shop/web", port: 8080,
            egress: "not-isolated", ingress: "end-of-tier shop/port-range",
            nearMisses: ["ingress shop/port-range#0 port: expected not [8080], got 8080"]),
        Row(
            name: "ICMP rules match ICMP", policies: [ping], from: "shop/frontend", to: "shop/web", port: nil, proto: "ICMP",
            egress: "not-isolated", ingress: "allowed-by shop/ping#0"),
        Row(
            name: "ICMP rules do not match TCP", policies: [ping], from: "shop/frontend", to: "shop/web", egress: "not-isolated",
            ingress: "end-of-tier shop/ping", nearMisses: []),
        Row(
            name: "notProtocol excludes its protocol", policies: [notUDP], from: "shop/frontend", to: "shop/web", port: 53, proto: "UDP",
            egress: "not-isolated", ingress: "end-of-tier shop/not-udp",
            nearMisses: ["ingress shop/not-udp#0 protocol: expected not UDP, got UDP"]),
        Row(
            name: "a global network set gives external addresses labels", policies: [partners, fromPartners], from: "203.0.113.9",
            to: "shop/web", egress: "not-isolated", ingress: "allowed-by shop/from-partners#0"),
        Row(
            name: "notSelector in a namespaced policy is confined to its namespace", policies: [notFrontend], from: "marketing/crawler",
            to: "shop/web", egress: "not-isolated", ingress: "end-of-tier shop/not-frontend",
            nearMisses: ["ingress shop/not-frontend#0 namespace: expected namespace shop, got namespace marketing"]),
        Row(
            name: "notSelector admits other pods of the namespace", policies: [notFrontend], from: "shop/db", to: "shop/web",
            egress: "not-isolated", ingress: "allowed-by shop/not-frontend#0"),
    ]

    /// Should match every rule criterion as Calico does, in every document order.
    @Test(arguments: rows)
    func rules(row: Row) throws {
        try check(row, options: EngineOptions(dialect: .calico))
    }
}
