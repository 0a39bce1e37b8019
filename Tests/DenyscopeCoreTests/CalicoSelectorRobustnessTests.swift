import DenyscopeCore
import Testing

/// The parser never traps: any text yields a selector or a located error.
struct CalicoSelectorRobustnessTests {
    /// A deterministic generator (SplitMix64), so that a failing input can be reproduced from its seed.
    struct Generator {
        var state: UInt64

        mutating func next(below bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    /// Fragments that make random text close to, but mostly not, a valid selector.
    static let fragments = [
        "a", "app", "k8s.io/x", " ", " ", "\t", "(", ")", "{", "}", ",", "'", "\"", "'v'", "\"w\"", "!", "=", "==",
        "!=", "&", "&&", "|", "||", "in", "not", "not in", "notin", "contains", "starts", "with", "starts with", "ends",
        "has(", "has(a)", "all()", "all(", "global()", "global(", "%", "é", "🚀", "\n", "\u{0}", "e\u{301}",
    ]

    /// Should throw a located error or return a selector that round-trips, for thousands of random texts.
    @Test(arguments: 0..<8)
    func randomTextNeverTraps(seed: Int) {
        var generator = Generator(state: UInt64(seed))
        var parsed = 0
        for _ in 0..<1500 {
            var text = ""
            for _ in 0..<generator.next(below: 24) {
                text += Self.fragments[generator.next(below: Self.fragments.count)]
            }
            do {
                let selector = try CalicoSelector(parsing: text)
                parsed += 1
                #expect((try? CalicoSelector(parsing: selector.description)) == selector, "text: \(text.debugDescription)")
            } catch {
                #expect((1...(text.count + 1)).contains(error.column), "text: \(text.debugDescription) \(error)")
                #expect(!error.message.isEmpty)
            }
        }
        #expect(parsed > 0)
    }

    /// Should give a located error or a selector for every prefix of a valid selector (truncated input).
    @Test func everyPrefixOfAValidSelectorIsHandled() {
        let text = "!(a in {'x', \"y\",}) && b starts  with 'p' || !!has(c.d/e) && f not in {} || global() && g != 'é'"
        #expect((try? CalicoSelector(parsing: text)) != nil)
        var prefix = ""
        for character in text {
            prefix.append(character)
            do {
                _ = try CalicoSelector(parsing: prefix)
            } catch {
                #expect((1...(prefix.count + 1)).contains(error.column), "prefix: \(prefix)")
            }
        }
    }

    /// Should reject every byte value outside the grammar with an error, never a trap.
    @Test func everyASCIICharacterIsHandled() {
        for value in UInt8(0)...UInt8(127) {
            let character = String(Character(Unicode.Scalar(value)))
            for text in [character, "has(a) && \(character)", "a \(character) 'b'", "a == '\(character)'"] {
                _ = try? CalicoSelector(parsing: text)
            }
        }
    }

    /// Should handle long inputs without deep recursion: long chains, long runs of '!', huge values.
    @Test func longInputsParse() throws {
        let terms = (0..<5000).map { "k\($0) == 'v'" }
        let chain = try CalicoSelector(parsing: terms.joined(separator: " && "))
        #expect(!chain.matches(["k0": "v"]))
        let alternatives = try CalicoSelector(parsing: terms.joined(separator: " || "))
        #expect(alternatives.matches(["k4999": "v"]))
        #expect(try CalicoSelector(parsing: alternatives.description) == alternatives)

        let groups = try CalicoSelector(parsing: (0..<20_000).map { "(has(k\($0)) && !has(x))" }.joined(separator: " || "))
        #expect(groups.matches(["k19999": ""]))

        let manyNots = try CalicoSelector(parsing: String(repeating: "!", count: 100_001) + "has(a)")
        #expect(manyNots == (try CalicoSelector(parsing: "!has(a)")))

        let value = String(repeating: "x", count: 1_000_000)
        #expect(try CalicoSelector(parsing: "a == '\(value)'").matches(LabelSet(["a": value])))
        #expect(try CalicoSelector(parsing: "a ends with 'xy'").matches(LabelSet(["a": value + "y"])))

        #expect(throws: CalicoSelectorError.self) { try CalicoSelector(parsing: String(repeating: "(", count: 100_000)) }
        #expect(throws: CalicoSelectorError.self) { try CalicoSelector(parsing: String(repeating: "a", count: 100_000)) }
        #expect(throws: CalicoSelectorError.self) { try CalicoSelector(parsing: "a == '" + value) }
    }
}
