import DenyscopeCore
import Testing

/// What each Calico selector matches: operators, absent labels, precedence, quoting and label keys.
struct CalicoSelectorMatchingTests {
    /// (selector, labels, matches). Semantics from `reference/calico-policy.md` §4.1 and
    /// `libcalico-go/lib/selector/parser/ast.go` (`Evaluate` of each node).
    static let table: [(String, LabelSet, Bool)] = [
        // == and != ; != also matches resources without the label.
        ("app == 'web'", ["app": "web"], true),
        ("app == 'web'", ["app": "webapp"], false),
        ("app == 'web'", ["app": "Web"], false),
        ("app == 'web'", ["tier": "web"], false),
        ("app == 'web'", [:], false),
        ("app == ''", ["app": ""], true),
        ("app == ''", [:], false),
        ("app != 'web'", ["app": "db"], true),
        ("app != 'web'", ["app": "web"], false),
        ("app != 'web'", [:], true),
        ("app != ''", [:], true),
        // in and not in ; not in also matches resources without the label.
        ("app in {'web', 'db'}", ["app": "db"], true),
        ("app in {'web', 'db'}", ["app": "cache"], false),
        ("app in {'web'}", [:], false),
        ("app not in {'web', 'db'}", ["app": "cache"], true),
        ("app not in {'web', 'db'}", ["app": "web"], false),
        ("app not in {'web'}", [:], true),
        ("app notin {'web'}", ["app": "web"], false),
        ("app not \t in {'web'}", ["app": "db"], true),
        // Calico accepts an empty set and a trailing comma.
        ("app in {}", ["app": ""], false),
        ("app not in {}", ["app": "web"], true),
        ("app not in {}", [:], true),
        ("app in {'a',}", ["app": "a"], true),
        ("app in {'a', 'a', \"b\"}", ["app": "b"], true),
        // has, all, global.
        ("has(app)", ["app": ""], true),
        ("has(app)", ["tier": "app"], false),
        ("!has(app)", [:], true),
        ("!has(app)", ["app": "web"], false),
        ("has( app )", ["app": "web"], true),
        ("all()", [:], true),
        ("all( )", ["app": "web"], true),
        ("!all()", ["app": "web"], false),
        ("global()", [:], true),
        ("global(\t)", ["app": "web"], true),
        // An empty or blank selector is all().
        ("", [:], true),
        ("   ", ["app": "web"], true),
        ("\t", [:], true),
        // starts with, ends with, contains: the label must exist.
        ("app starts with 'we'", ["app": "web"], true),
        ("app starts with 'eb'", ["app": "web"], false),
        ("app starts with ''", ["app": "web"], true),
        ("app starts with ''", [:], false),
        ("app startswith 'w'", ["app": "web"], true),
        ("app starts  \twith 'w'", ["app": "web"], true),
        ("app ends with 'eb'", ["app": "web"], true),
        ("app ends with 'we'", ["app": "web"], false),
        ("app ends with 'web-long'", ["app": "web"], false),
        ("app ends with ''", [:], false),
        ("app endswith 'b'", ["app": "web"], true),
        ("app contains 'e'", ["app": "web"], true),
        ("app contains 'web'", ["app": "web"], true),
        ("app contains 'x'", ["app": "web"], false),
        ("app contains ''", ["app": ""], true),
        ("app contains 'e'", [:], false),
        // Values are compared byte for byte, as Go compares strings: no Unicode normalization.
        ("app == 'e\u{301}'", ["app": "\u{E9}"], false),
        ("app contains 'e'", ["app": "e\u{301}"], true),
        ("app starts with 'e'", ["app": "e\u{301}"], true),
        ("app ends with '\u{301}'", ["app": "e\u{301}"], true),
        // ! binds to the next primary only, and negates the missing-label rules too.
        ("!app == 'web'", [:], true),
        ("!app != 'web'", [:], false),
        ("!app in {'web'}", ["app": "db"], true),
        ("!has(a) && has(b)", ["b": "x"], true),
        ("!has(a) && has(b)", ["a": "x", "b": "x"], false),
        ("!(has(a) && has(b))", ["a": "x"], true),
        ("!(has(a) && has(b))", ["a": "x", "b": "x"], false),
        ("!!has(a)", ["a": "x"], true),
        ("!!!has(a)", ["a": "x"], false),
        ("! ! has(a)", [:], false),
        ("!(!has(a))", ["a": "x"], true),
        // && binds tighter than ||.
        ("a == '1' || b == '1' && c == '1'", ["a": "1"], true),
        ("a == '1' || b == '1' && c == '1'", ["b": "1"], false),
        ("a == '1' || b == '1' && c == '1'", ["b": "1", "c": "1"], true),
        ("a == '1' && b == '1' || c == '1'", ["c": "1"], true),
        ("a == '1' && b == '1' || c == '1'", ["a": "1"], false),
        ("(a == '1' || b == '1') && c == '1'", ["a": "1"], false),
        ("(a == '1' || b == '1') && c == '1'", ["a": "1", "c": "1"], true),
        ("a == '1' && (b == '1' || c == '1')", ["a": "1", "c": "1"], true),
        // Chains of one operator.
        ("has(a) && has(b) && has(c)", ["a": "", "b": "", "c": ""], true),
        ("has(a) && has(b) && has(c)", ["a": "", "c": ""], false),
        ("has(a) || has(b) || has(c)", ["c": ""], true),
        ("has(a) || has(b) || has(c)", [:], false),
        ("((has(a)))", ["a": ""], true),
        ("(has(a) || has(b)) && (has(c) || has(d))", ["b": "", "c": ""], true),
        ("(has(a) || has(b)) && (has(c) || has(d))", ["b": ""], false),
        // The docs' precedence example (calico/_includes/content/_selectors.mdx).
        ("! has(my-label) || my-label starts with 'prod' && role in {'frontend','business'}", [:], true),
        (
            "! has(my-label) || my-label starts with 'prod' && role in {'frontend','business'}",
            ["my-label": "prod-1", "role": "frontend"], true
        ),
        ("! has(my-label) || my-label starts with 'prod' && role in {'frontend','business'}", ["my-label": "prod-1", "role": "db"], false),
        (
            "! has(my-label) || my-label starts with 'prod' && role in {'frontend','business'}", ["my-label": "dev", "role": "frontend"],
            false
        ),
        // Quoting: either quote, each may hold the other.
        ("app == \"web\"", ["app": "web"], true),
        ("msg == \"it's\"", ["msg": "it's"], true),
        ("msg == 'say \"hi\"'", ["msg": "say \"hi\""], true),
        ("q in {\"'\", '\"'}", ["q": "\""], true),
        ("q in {\"'\", '\"'}", ["q": "'"], true),
        ("app == 'a b'", ["app": "a b"], true),
        ("app == 'a&&b||c'", ["app": "a&&b||c"], true),
        // Spacing is free where tokens are delimited.
        ("a=='b'&&c!='d'", ["a": "b"], true),
        ("a  ==  'b'  ||  has(c)", ["c": ""], true),
        ("a in{'b'}", ["a": "b"], true),
        ("a contains'b'", ["a": "abc"], true),
        // Label keys: letters, digits, '/', '.', '-', '_'; words that are operators elsewhere are plain keys here.
        ("projectcalico.org/namespace == 'shop'", ["projectcalico.org/namespace": "shop"], true),
        ("app.kubernetes.io/name in {\"shop-ui\"}", ["app.kubernetes.io/name": "shop-ui"], true),
        ("has(pcns.projectcalico.org/name)", ["pcns.projectcalico.org/name": "shop"], true),
        ("k8s_app-v2 == 'x'", ["k8s_app-v2": "x"], true),
        ("9lives == 'yes'", ["9lives": "yes"], true),
        ("in == 'x'", ["in": "x"], true),
        ("has == 'x'", ["has": "x"], true),
        ("all == 'x'", ["all": "x"], true),
        ("not != 'x'", [:], true),
        ("contains contains 'x'", ["contains": "axb"], true),
        // testcase24 of the nca-calico peer suite (np-guard/network-config-analyzer, Apache-2.0):
        // testcase24-a.yaml and testcase24-b.yaml, ingress source selectors.
        ("!all() || !((!has(app) || has(tier)) && !has(k8s-app))", ["app": "x"], true),
        ("!all() || !((!has(app) || has(tier)) && !has(k8s-app))", ["app": "x", "tier": "y"], false),
        ("!all() || !((!has(app) || has(tier)) && !has(k8s-app))", ["tier": "y", "k8s-app": "z"], true),
        ("(has(app) && !has(tier)) || has(k8s-app)", ["app": "x", "tier": "y"], false),
        // testcase24-a.yaml and testcase24-b.yaml, egress destination selectors.
        ("k8s-app ends with 'apster' || k8s-app starts with 'kube' || (app == 'vpn' || role == 'db5')", ["k8s-app": "heapster"], true),
        ("k8s-app ends with 'apster' || k8s-app starts with 'kube' || (app == 'vpn' || role == 'db5')", ["k8s-app": "kube-dns"], true),
        ("k8s-app ends with 'apster' || k8s-app starts with 'kube' || (app == 'vpn' || role == 'db5')", ["role": "db5"], true),
        ("k8s-app ends with 'apster' || k8s-app starts with 'kube' || (app == 'vpn' || role == 'db5')", ["app": "web"], false),
        (" k8s-app contains 'heapster' || (k8s-app starts with 'kube' || app == 'vpn') || role == 'db5'", ["k8s-app": "heapster"], true),
        (" k8s-app contains 'heapster' || (k8s-app starts with 'kube' || app == 'vpn') || role == 'db5'", ["app": "vpn"], true),
        (" k8s-app contains 'heapster' || (k8s-app starts with 'kube' || app == 'vpn') || role == 'db5'", ["k8s-app": "dashboard"], false),
        // testcase24 namespaceSelectors, evaluated as plain selectors: global() is true, as in Calico's evaluator.
        ("global() || all()", [:], true),
        ("!( global() && all() )", [:], false),
        ("all() && !global()", [:], false),
    ]

    /// Should match exactly the labels Calico's evaluator matches.
    @Test(arguments: table)
    func matchesAsCalicoDoes(selector: String, labels: LabelSet, expected: Bool) throws {
        #expect(try CalicoSelector(parsing: selector).matches(labels) == expected)
    }

    /// Should give the same answer after a round trip through the canonical text.
    @Test(arguments: table)
    func canonicalTextMatchesTheSame(selector: String, labels: LabelSet, expected: Bool) throws {
        let parsed = try CalicoSelector(parsing: selector)
        #expect(try CalicoSelector(parsing: parsed.description).matches(labels) == expected)
    }

    /// Should agree with testcase24-b wherever testcase24-a is rewritten by De Morgan's laws (ingress source).
    @Test func testcase24IngressSelectorsAreEquivalent() throws {
        let a = try CalicoSelector(parsing: "!all() || !((!has(app) || has(tier)) && !has(k8s-app))")
        let b = try CalicoSelector(parsing: "(has(app) && !has(tier)) || has(k8s-app)")
        for mask in 0..<8 {
            var labels = LabelSet()
            for (bit, key) in ["app", "tier", "k8s-app"].enumerated() where mask & (1 << bit) != 0 {
                labels[key] = "v"
            }
            #expect(a.matches(labels) == b.matches(labels), "labels: \(labels)")
        }
    }

    /// Should agree between testcase24-a and -b on the peer suite's k8s-app values; they differ only on values that
    /// end in "apster" without containing "heapster", which the suite's topology lacks.
    @Test func testcase24EgressSelectorsAgreeOnThePeerTopology() throws {
        let a = try CalicoSelector(parsing: "k8s-app ends with 'apster' || k8s-app starts with 'kube' || (app == 'vpn' || role == 'db5')")
        let b = try CalicoSelector(parsing: " k8s-app contains 'heapster' || (k8s-app starts with 'kube' || app == 'vpn') || role == 'db5'")
        let topology: [LabelSet] = [
            ["k8s-app": "heapster"], ["k8s-app": "kube-dns"], ["k8s-app": "kubernetes-dashboard"], ["app": "vpn"],
            ["role": "db5"], ["app": "web", "role": "db4"], [:],
        ]
        for labels in topology {
            #expect(a.matches(labels) == b.matches(labels), "labels: \(labels)")
        }
        #expect(a.matches(["k8s-app": "xapster"]) && !b.matches(["k8s-app": "xapster"]))
    }

    /// Should read all() as "any namespaced resource" and global() as "any non-namespaced resource" in a rule's
    /// namespaceSelector (Felix's rewrite in updateprocessors/rules.go).
    @Test(arguments: [
        // (namespaceSelector, matches a namespaced resource in `shop`, matches a host endpoint / GlobalNetworkSet)
        ("all()", true, false),
        ("global()", false, true),
        ("!global()", true, false),
        // testcase24-a/-b (egress) and testcase24-c: equivalent, since no resource is both global and namespaced.
        ("global() || all()", true, true),
        ("!( global() && all() )", true, true),
        // testcase24-b (ingress): the same as all().
        ("all() && !global()", true, false),
        ("projectcalico.org/name == 'shop'", true, false),
        ("projectcalico.org/name != 'shop'", false, true),
        ("team not in {'payments'}", true, true),
        ("has(team)", true, false),
        ("global() || team == 'storefront'", true, true),
    ])
    func namespaceSelectorScope(selector: String, namespaced: Bool, global: Bool) throws {
        let parsed = try CalicoSelector(parsing: selector)
        let shop: LabelSet = ["projectcalico.org/name": "shop", "team": "storefront"]
        #expect(parsed.matchesNamespace(shop) == namespaced)
        #expect(parsed.matchesNamespace(nil) == global)
    }
}
