import ClusterLoader
import DenyscopeCore
import Testing

/// The API server's `policyTypes` defaulting, as the loader applies it.
struct PolicyTypesInferenceTests {
    static let cases: [(spec: String, expected: Set<Direction>)] = [
        ("ingress: []", [.ingress]),
        ("egress: []", [.ingress]),
        ("egress:", [.ingress]),
        ("egress: [{}]", [.ingress, .egress]),
        ("policyTypes: []\negress: [{}]", [.ingress, .egress]),
        ("policyTypes: [Egress]", [.egress]),
        ("policyTypes: [Egress]\ningress: [{}]", [.egress]),
        ("policyTypes: [Ingress, Egress]", [.ingress, .egress]),
    ]

    /// Should infer Ingress always and Egress only when egress has a rule.
    @Test(arguments: cases)
    func infersPolicyTypes(spec: String, expected: Set<Direction>) throws {
        let text =
            "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n"
            + spec.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
        let policy = try #require(try ClusterLoader.load(text: text, file: "p.yaml").state.networkPolicies.first)
        #expect(policy.policyTypes == expected)
        #expect(policy.namespace == "default")
    }
}
