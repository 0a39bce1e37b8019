import DenyscopeCore
import Reports
import Testing

struct ExplainTextTests {
    static let rule = PolicyReference(kind: .networkPolicy, namespace: "shop", name: "allow-frontend", rule: 0)

    static let cases: [(NearMiss.Constraint, String, String, String)] = [
        (.podLabel, "app=web", "app=webapp", "peer label app=webapp does not match app=web"),
        (.podLabel, "app=web", "no label app", "peer has no label app, rule requires app=web"),
        (.namespace, "namespace shop", "namespace marketing", "peer is in namespace marketing, rule selects namespace shop"),
        (.port, "[80]", "8080", "port 8080 not in [80]"),
        (.protocol, "[53/UDP]", "TCP", "protocol TCP does not match [53/UDP]"),
        (.ipBlock, "10.0.0.0/16", "10.1.0.5", "address 10.1.0.5 not in 10.0.0.0/16"),
        (
            .peerKind, "pods {} in namespaces {}", "world 203.0.113.9",
            "peer is world 203.0.113.9, rule allows only pods {} in namespaces {}"
        ),
    ]

    /// Should phrase each kind of near miss as a sentence a person reads at 3 a.m.
    @Test(arguments: cases)
    func describesNearMiss(constraint: NearMiss.Constraint, expected: String, actual: String, sentence: String) {
        let nearMiss = NearMiss(policy: Self.rule, direction: .ingress, constraint: constraint, expected: expected, actual: actual)
        #expect(ExplainText.describe(nearMiss) == "rule 0 of NetworkPolicy shop/allow-frontend (ingress): " + sentence)
    }
}
