import DenyscopeCore
import Testing

struct LabelSelectorTests {
    static let labels: LabelSet = ["app": "web", "tier": "frontend"]

    /// Should apply each operator as the Kubernetes API reference defines it.
    @Test(arguments: [
        (LabelRequirement(key: "app", operator: .equals("web")), true),
        (LabelRequirement(key: "app", operator: .equals("webapp")), false),
        (LabelRequirement(key: "app", operator: .in(["db", "web"])), true),
        (LabelRequirement(key: "app", operator: .in(["db"])), false),
        (LabelRequirement(key: "zone", operator: .in(["a"])), false),
        (LabelRequirement(key: "app", operator: .notIn(["db"])), true),
        (LabelRequirement(key: "app", operator: .notIn(["web"])), false),
        // NotIn matches objects that lack the key.
        (LabelRequirement(key: "zone", operator: .notIn(["a"])), true),
        (LabelRequirement(key: "tier", operator: .exists), true),
        (LabelRequirement(key: "zone", operator: .exists), false),
        (LabelRequirement(key: "zone", operator: .doesNotExist), true),
        (LabelRequirement(key: "tier", operator: .doesNotExist), false),
    ])
    func requirementSemantics(requirement: LabelRequirement, matches: Bool) {
        #expect(requirement.matches(Self.labels) == matches)
    }

    /// Should select everything when empty and require all requirements otherwise.
    @Test func selectorIsAConjunction() {
        #expect(LabelSelector.everything.matches([:]))
        let selector = LabelSelector(matchLabels: ["app": "web"], matchExpressions: [LabelRequirement(key: "zone", operator: .exists)])
        #expect(!selector.matches(Self.labels))
        #expect(selector.failures(Self.labels).map(\.description) == ["zone"])
        #expect(selector.description == "app=web,zone")
        #expect(LabelSelector.everything.description == "{}")
    }

    /// Should always carry the namespace name label, even when the snapshot omits it.
    @Test func namespaceCarriesItsNameLabel() {
        #expect(Namespace(name: "shop").labels["kubernetes.io/metadata.name"] == "shop")
        #expect(Namespace(name: "shop", labels: ["kubernetes.io/metadata.name": "wrong"]).labels["kubernetes.io/metadata.name"] == "shop")
    }
}
