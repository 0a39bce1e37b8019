/// A parsed Calico label selector, such as `app == 'web' && !has(canary)`.
///
/// Calico selectors appear in a policy's `selector`, `namespaceSelector` and `serviceAccountSelector` and in a
/// rule's `source`/`destination`. The grammar is Calico's own (`libcalico-go/lib/selector`, summarized in
/// `reference/calico-policy.md` §4.1):
///
/// ```
/// selector := "" | or                        -- the empty (or blank) selector is all()
/// or       := and ( "||" and )*
/// and      := unary ( "&&" unary )*
/// unary    := "!"* primary                   -- an even number of '!' cancels out
/// primary  := "(" or ")" | "all()" | "global()" | "has(" label ")"
///           | label ( "==" | "!=" | "contains" | "starts with" | "ends with" ) string
///           | label ( "in" | "not in" ) "{" [ string ( "," string )* [","] ] "}"
/// string   := "'" [^']* "'" | '"' [^"]* '"'  -- no escapes
/// label    := [A-Za-z0-9_./-]{1,512}
/// ```
///
/// Only spaces and tabs separate tokens. `notin`, `startswith` and `endswith` are accepted as one word, as Calico
/// does. A set may be empty (`k in {}` matches nothing, `k not in {}` everything) and may end with a comma.
/// Parentheses may nest at most ``maximumNestingDepth`` deep (Calico has no limit; the limit keeps the parser off
/// the end of the stack).
///
/// Two selectors are equal when they parse to the same ``Expression``: spacing, quoting, the order and duplicates
/// of set values, redundant parentheses and double negations do not count. `&&` and `||` keep their operands in
/// the order written.
public struct CalicoSelector: Hashable, Sendable {
    /// The deepest parenthesis nesting the parser accepts.
    public static let maximumNestingDepth = 64

    /// The longest label key Calico accepts, in bytes (`tokenizer.MaxLabelLength`).
    public static let maximumLabelLength = 512

    /// The selector that matches every resource in scope: `all()`, also the meaning of an empty selector.
    public static let all = CalicoSelector(expression: .all)

    /// The parsed expression, for callers that explain a match term by term.
    public let expression: Expression

    init(expression: Expression) {
        self.expression = expression
    }

    /// Parses a selector written in Calico's selector language.
    ///
    /// ```swift
    /// let selector = try CalicoSelector(parsing: "app == 'web' && tier in {'a', 'b'}")
    /// selector.matches(["app": "web", "tier": "a"])  // true
    /// ```
    ///
    /// - Parameter text: The selector as written in the policy. An empty or blank text is `all()`.
    /// - Throws: ``CalicoSelectorError`` at the first problem from the left, with its column.
    /// - Complexity: O(n) in the length of `text`.
    public init(parsing text: String) throws(CalicoSelectorError) {
        var parser = try CalicoSelectorParser(text)
        self.init(expression: try parser.parseSelector())
    }
}
