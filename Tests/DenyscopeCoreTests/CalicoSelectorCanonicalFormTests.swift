import DenyscopeCore
import Testing

/// The canonical text of a selector, selector equality, and the round trip text → selector → text.
struct CalicoSelectorCanonicalFormTests {
    /// (selector, canonical text). The rendering is Calico's own (`Selector.String()`), checked against the
    /// canonicalisation examples of `libcalico-go/lib/selector/parser/parser_test.go`.
    static let table: [(String, String)] = [
        ("", "all()"),
        (" all() ", "all()"),
        (" (all() )", "all()"),
        ("global()", "global()"),
        ("!global()", "!global()"),
        ("has( app )", "has(app)"),
        ("! (has( b)||! has(a ))", "!(has(b) || !has(a))"),
        ("! (a == \"b\"&&! c != \"d\")", "!(a == \"b\" && !c != \"d\")"),
        // Double quotes, unless the value holds one.
        ("a == 'b'", "a == \"b\""),
        ("a == \"'\"", "a == \"'\""),
        ("a == '\"'", "a == '\"'"),
        ("a contains '\"'", "a contains '\"'"),
        ("a startswith '\"'", "a starts with '\"'"),
        ("a endswith \"'\"", "a ends with \"'\""),
        ("a  starts \t with 'x'", "a starts with \"x\""),
        ("a!='\"'", "a != '\"'"),
        // Sets are sorted and free of duplicates; an empty set and a trailing comma survive as Calico keeps them.
        ("a in {'d', 'a', 'b'}", "a in {\"a\", \"b\", \"d\"}"),
        ("a in {'z', 'z', 'x', 'y', 'x', 'a'}", "a in {\"a\", \"x\", \"y\", \"z\"}"),
        ("a notin {'x'}", "a not in {\"x\"}"),
        ("a not in {'x', '\"'}", "a not in {'\"', \"x\"}"),
        ("a in {}", "a in {}"),
        ("a in {'x',}", "a in {\"x\"}"),
        // Every && and || group is parenthesized; groups written in parentheses stay nested.
        ("a == 'b' && c == 'd'", "(a == \"b\" && c == \"d\")"),
        ("a == 'b' && c == 'd' || e == 'f'", "((a == \"b\" && c == \"d\") || e == \"f\")"),
        ("a == 'b' || c == 'd' && e == 'f'", "(a == \"b\" || (c == \"d\" && e == \"f\"))"),
        ("has(a) && has(b) && has(c)", "(has(a) && has(b) && has(c))"),
        ("(has(a) && has(b)) && has(c)", "((has(a) && has(b)) && has(c))"),
        ("((has(a)))", "has(a)"),
        // Negations: a run of '!' collapses, as Calico's parser does; '!(!x)' is x as well.
        ("!(a == 'b')", "!a == \"b\""),
        ("!!has(a)", "has(a)"),
        ("!!!has(a)", "!has(a)"),
        ("!(!has(a))", "has(a)"),
        ("!(!(has(a) || has(b)))", "(has(a) || has(b))"),
        (
            "! has(my-label) || my-label starts with 'prod' && role in {'frontend','business'}",
            "(!has(my-label) || (my-label starts with \"prod\" && role in {\"business\", \"frontend\"}))"
        ),
        (
            "(projectcalico.org/namespace == 'shop') && (app.kubernetes.io/name in {'ui'})",
            "(projectcalico.org/namespace == \"shop\" && app.kubernetes.io/name in {\"ui\"})"
        ),
    ]

    /// Should render the canonical text Calico renders.
    @Test(arguments: table)
    func rendersCanonicalText(selector: String, canonical: String) throws {
        #expect(try CalicoSelector(parsing: selector).description == canonical)
    }

    /// Should parse the canonical text of every valid selector of every table back to an equal selector, whose
    /// canonical text is the same.
    @Test(arguments: table.map(\.0) + CalicoSelectorMatchingTests.table.map(\.0))
    func roundTripsThroughCanonicalText(selector: String) throws {
        let parsed = try CalicoSelector(parsing: selector)
        let reparsed = try CalicoSelector(parsing: parsed.description)
        #expect(reparsed == parsed)
        #expect(reparsed.description == parsed.description)
    }

    /// Should consider selectors equal when only spacing, quoting, set order, parentheses or double negation differ.
    @Test(arguments: [
        ("a in {'b','a','a'}", "a in {\"a\", \"b\"}"),
        ("a == 'b'", "a==\"b\""),
        ("a notin {'x'}", "a not in {'x'}"),
        ("(has(a))", "!!has(a)"),
        ("", "all()"),
        ("a startswith 'x'", "a starts with 'x'"),
    ])
    func equalWhenOnlyTheSpellingDiffers(first: String, second: String) throws {
        let a = try CalicoSelector(parsing: first)
        let b = try CalicoSelector(parsing: second)
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
    }

    /// Should keep the operands of && and || in the order written, and nesting written with parentheses.
    @Test func keepsOperandOrderAndNesting() throws {
        #expect(try CalicoSelector(parsing: "has(a) && has(b)") != CalicoSelector(parsing: "has(b) && has(a)"))
        let flat = try CalicoSelector(parsing: "has(a) && has(b) && has(c)")
        #expect(flat.expression == .and([.has(key: "a"), .has(key: "b"), .has(key: "c")]))
        let nested = try CalicoSelector(parsing: "(has(a) && has(b)) && has(c)")
        #expect(nested.expression == .and([.and([.has(key: "a"), .has(key: "b")]), .has(key: "c")]))
    }

    /// Should build the tree with && inside || and ! on the primary, as the grammar's precedence says.
    @Test func buildsTheTreeByPrecedence() throws {
        let selector = try CalicoSelector(parsing: "!a == 'x' || b in {'2', '1'} && c not in {} || !has(d)")
        #expect(
            selector.expression
                == .or([
                    .not(.equals(key: "a", value: "x")),
                    .and([.in(key: "b", values: ["1", "2"]), .notIn(key: "c", values: [])]),
                    .not(.has(key: "d")),
                ]))
        #expect(CalicoSelector.all.expression == .all)
        #expect(try CalicoSelector(parsing: " ") == CalicoSelector.all)
    }
}
