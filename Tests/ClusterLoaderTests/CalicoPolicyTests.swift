import ClusterLoader
import DenyscopeCore
import DenyscopeTestSupport
import Testing

struct CalicoPolicyTests {
    /// Should read Calico policies, tiers and network sets with Calico's defaults.
    @Test func decodesCalicoObjects() throws {
        let state = try ClusterLoader.load(paths: [Fixtures.path("cluster/calico-tiers/snapshot.yaml")]).state
        #expect(state.calicoTiers == [CalicoTier(name: "security", order: 100, defaultAction: .pass)])
        #expect(state.calicoPolicies.map(\.name) == ["security.block-quarantined", "web-allow-frontend"])
        let global = try #require(state.calicoPolicies.first)
        #expect(global.kind == .globalNetworkPolicy && global.namespace == nil && global.tier == "security" && global.order == 10)
        #expect(global.types == [.ingress])
        #expect(global.ingress.first?.action == .deny)
        #expect(global.ingress.first?.source.selector?.description == "quarantine == \"true\"")
        let web = try #require(state.calicoPolicies.last)
        #expect(web.tier == "default" && web.namespace == "shop" && web.types == [.ingress])
        #expect(web.ingress.first?.protocolNumber == 6)
        let destination = try #require(web.ingress.first?.destination)
        #expect(destination.ports == [.named("http")], "\(destination)")
        #expect(state.networkPolicies.map(\.name) == ["web-allow-monitoring"])
    }

    static let typeDefaults: [(rules: String, expected: Set<Direction>)] = [
        ("ingress: [{action: Allow}]", [.ingress]), ("egress: [{action: Allow}]", [.egress]),
    ]

    /// Should default `types` from the rules present, as Calico does.
    @Test(arguments: typeDefaults)
    func defaultsTypes(rules: String, expected: Set<Direction>) throws {
        let text = "apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: p, namespace: shop}\nspec:\n  \(rules)\n"
        #expect(try ClusterLoader.load(text: text, file: "p.yaml").state.calicoPolicies.first?.types == expected)
    }

    static let badInputs: [(file: String, message: String)] = [
        (
            "bad-selector.yaml",
            "7: document 1 (GlobalNetworkPolicy security.web): spec.selector: invalid selector \"app == 'web' && role in {'api'\": "
                + "column 31: expected ',' or '}' in the set, found end of selector"
        ),
        (
            "ports-without-protocol.yaml",
            "9: document 1 (NetworkPolicy shop/web): spec.ingress[0]: ports need protocol TCP, UDP, SCTP or UDPLite"
        ),
        (
            "bad-action.yaml",
            "8: document 1 (NetworkPolicy shop/web): spec.ingress[0].action: unknown action \"Accept\" (expected Allow, Deny, Log or Pass)"
        ),
    ]

    /// Should reject invalid Calico policies with file, line, field and, for selectors, the column.
    @Test(arguments: badInputs)
    func rejectsInvalidPolicies(file: String, message: String) {
        let path = Fixtures.path("bad/calico/" + file)
        do {
            _ = try ClusterLoader.load(paths: [path])
            Issue.record("\(file) loaded without error")
        } catch {
            #expect(error.description == "\(path):\(message)")
        }
    }
}
