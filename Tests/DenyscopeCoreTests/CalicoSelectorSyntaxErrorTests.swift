import DenyscopeCore
import Testing

/// Which selectors Calico rejects, and the message and column denyscope gives for each.
struct CalicoSelectorSyntaxErrorTests {
    static let operators = "(==, !=, in, not in, contains, starts with, ends with)"

    /// (selector, column, message).
    static let table: [(String, Int, String)] = [
        // Operands of comparisons.
        ("app == web", 8, "expected a quoted string after '==', found 'web'"),
        ("b == b", 6, "expected a quoted string after '==', found 'b'"),
        ("a == == 'b'", 6, "expected a quoted string after '==', found '=='"),
        ("a != 5", 6, "expected a quoted string after '!=', found '5'"),
        ("a contains", 11, "expected a quoted string after 'contains', found end of selector"),
        ("a starts with b", 15, "expected a quoted string after 'starts with', found 'b'"),
        ("a ends with {'b'}", 13, "expected a quoted string after 'ends with', found '{'"),
        ("'b1' == b", 1, "expected an expression, found string \"b1\""),
        // A label needs an operator.
        ("app", 4, "expected an operator \(operators) after label 'app', found end of selector"),
        ("app web", 5, "expected an operator \(operators) after label 'app', found 'web'"),
        ("a b == 'c'", 3, "expected an operator \(operators) after label 'a', found 'b'"),
        ("a containsx 'b'", 3, "expected an operator \(operators) after label 'a', found 'containsx'"),
        ("a !in {'x'}", 3, "expected an operator \(operators) after label 'a', found '!'"),
        ("a # 'x'", 3, "expected an operator \(operators) after label 'a', found '#'"),
        ("has (a)", 5, "expected an operator \(operators) after label 'has', found '('"),
        ("a not 'x'", 7, "expected 'in' after 'not', found \"'\""),
        ("a not inside {'x'}", 7, "expected 'in' after 'not', found 'inside'"),
        ("a starts 'x'", 10, "expected 'with' after 'starts', found \"'\""),
        ("a ends wit 'x'", 8, "expected 'with' after 'ends', found 'wit'"),
        // Unknown operators.
        ("app = 'web'", 5, "unknown operator '=': use '==' to compare a label with a value"),
        ("a == 'b' & c == 'd'", 10, "unknown operator '&': use '&&' for 'and'"),
        ("a == 'b' &&& c == 'd'", 12, "unknown operator '&': use '&&' for 'and'"),
        ("a == 'b' | c == 'd'", 10, "unknown operator '|': use '||' for 'or'"),
        // Unterminated strings: the column is the opening quote.
        ("a == 'b", 6, "unterminated string: missing the closing single quote (')"),
        ("a == \"b", 6, "unterminated string: missing the closing double quote (\")"),
        ("a == \"b'", 6, "unterminated string: missing the closing double quote (\")"),
        ("a in {'x', 'y}", 12, "unterminated string: missing the closing single quote (')"),
        // Parentheses.
        ("(a == 'b'", 10, "expected '&&', '||' or ')' to close the '(' at column 1, found end of selector"),
        ("(a == 'b' c)", 11, "expected '&&', '||' or ')' to close the '(' at column 1, found 'c'"),
        ("has(a) && (has(b) || (has(c))", 30, "expected '&&', '||' or ')' to close the '(' at column 11, found end of selector"),
        ("a == 'b')", 9, "expected '&&', '||' or end of selector, found ')'"),
        ("(has(a)))", 9, "expected '&&', '||' or end of selector, found ')'"),
        ("()", 2, "expected an expression after '(', found ')'"),
        (")", 1, "expected an expression, found ')'"),
        ("(", 2, "expected an expression after '(', found end of selector"),
        // Trailing garbage.
        ("a == 'b' c == 'd'", 10, "expected '&&', '||' or end of selector, found 'c'"),
        ("a in {'x'} b", 12, "expected '&&', '||' or end of selector, found 'b'"),
        ("all() all()", 7, "expected '&&', '||' or end of selector, found 'all()'"),
        ("has(a) 'x'", 8, "expected '&&', '||' or end of selector, found string \"x\""),
        // Missing operands of &&, || and !.
        ("has(a) &&", 10, "expected an expression after '&&', found end of selector"),
        ("has(a) && || has(b)", 11, "expected an expression after '&&', found '||'"),
        ("&& has(a)", 1, "expected an expression, found '&&'"),
        ("has(a) || || has(b)", 11, "expected an expression after '||', found '||'"),
        ("app == 'web' ||", 16, "expected an expression after '||', found end of selector"),
        ("!", 2, "expected an expression after '!', found end of selector"),
        ("has(a) && !!", 13, "expected an expression after '!', found end of selector"),
        ("!= 'x'", 1, "expected an expression, found '!='"),
        ("{'a'}", 1, "expected an expression, found '{'"),
        // Sets.
        ("a in 'x'", 6, "expected '{' after 'in', found string \"x\""),
        ("a not in ('x')", 10, "expected '{' after 'not in', found '('"),
        ("a in", 5, "expected '{' after 'in', found end of selector"),
        ("a in {'x'", 10, "expected ',' or '}' in the set, found end of selector"),
        ("a in {'x' 'y'}", 11, "expected ',' or '}' in the set, found string \"y\""),
        ("a in {,}", 7, "expected a quoted string or '}' in the set, found ','"),
        ("a in {'x',,}", 11, "expected a quoted string or '}' in the set, found ','"),
        ("a in {x}", 7, "expected a quoted string or '}' in the set, found 'x'"),
        ("a in {'x', has(b)}", 12, "expected a quoted string or '}' in the set, found 'has(b)'"),
        // Functions.
        ("has()", 5, "expected a label name after 'has(', found ')'"),
        ("has(a b)", 7, "expected ')' to close 'has(' at column 1, found 'b'"),
        ("x == 'y' || has(a", 18, "expected ')' to close 'has(' at column 13, found end of selector"),
        ("has('a')", 5, "expected a label name after 'has(', found \"'\""),
        ("all(x)", 5, "expected ')' to close 'all(' at column 1, found 'x'"),
        ("global(", 8, "expected ')' to close 'global(' at column 1, found end of selector"),
        // Characters outside the grammar; only spaces and tabs separate tokens.
        ("%", 1, "unexpected character '%'"),
        ("a == 'b' && %", 13, "unexpected character '%'"),
        ("a == 'x'\n&& b == 'y'", 9, "unexpected character '\\n' (only spaces and tabs may separate tokens)"),
        ("\r\nhas(a)", 1, "unexpected character '\\r\\n' (only spaces and tabs may separate tokens)"),
        ("has(a) &&\u{A0}has(b)", 10, "unexpected character '\\u{00A0}' (only spaces and tabs may separate tokens)"),
        ("a == 'b' && \u{7}", 13, "unexpected character '\\u{07}'"),
        // Messages stay on one line: quoted input is escaped and shortened.
        ("'line\none' == x", 1, "expected an expression, found string \"line\\none\""),
        (
            "a == \(String(repeating: "v", count: 50))", 6,
            "expected a quoted string after '==', found '\(String(repeating: "v", count: 40))…'"
        ),
        // Columns count characters, not bytes.
        ("tier == 'ü' && é", 16, "unexpected character 'é'"),
        ("team == '🚀🚀' || x", 18, "expected an operator \(operators) after label 'x', found end of selector"),
    ]

    /// Should reject what Calico rejects, naming the first problem from the left and its column.
    @Test(arguments: table)
    func rejectsWithMessageAndColumn(selector: String, column: Int, message: String) {
        #expect(throws: CalicoSelectorError(message: message, column: column)) {
            try CalicoSelector(parsing: selector)
        }
    }

    /// Should render an error as `column <n>: <message>`.
    @Test func errorDescriptionLeadsWithTheColumn() {
        #expect(throws: CalicoSelectorError.self) { try CalicoSelector(parsing: "app == web") }
        do {
            _ = try CalicoSelector(parsing: "app == web")
        } catch {
            #expect(error.description == "column 8: expected a quoted string after '==', found 'web'")
        }
    }

    /// Should limit label keys to Calico's 512 characters, and shorten long labels in messages.
    @Test func rejectsLabelsLongerThanCalicoAllows() throws {
        let longest = String(repeating: "k", count: CalicoSelector.maximumLabelLength)
        #expect(try CalicoSelector(parsing: "has(\(longest))").matches(LabelSet([longest: "v"])))
        #expect(try CalicoSelector(parsing: "\(longest) == 'v'").matches(LabelSet([longest: "v"])))
        let tooLong = longest + "k"
        let shown = "'\(String(repeating: "k", count: 40))…'"
        #expect(throws: CalicoSelectorError(message: "label \(shown) is longer than 512 characters", column: 1)) {
            try CalicoSelector(parsing: "\(tooLong) == 'v'")
        }
        #expect(throws: CalicoSelectorError(message: "label \(shown) is longer than 512 characters", column: 6)) {
            try CalicoSelector(parsing: "has( \(tooLong))")
        }
    }

    /// Should accept parentheses nested up to the limit and reject one level more at the offending '('.
    @Test func limitsParenthesisNesting() throws {
        let limit = CalicoSelector.maximumNestingDepth
        let deepest = String(repeating: "(", count: limit) + "has(a)" + String(repeating: ")", count: limit)
        #expect(try CalicoSelector(parsing: deepest) == CalicoSelector(parsing: "has(a)"))
        let tooDeep = "!" + String(repeating: "(", count: limit + 1) + "has(a)" + String(repeating: ")", count: limit + 1)
        #expect(throws: CalicoSelectorError(message: "parentheses nest deeper than \(limit) levels", column: limit + 2)) {
            try CalicoSelector(parsing: tooDeep)
        }
    }
}
