import Foundation
import Reports
import Testing

struct JSONWriterTests {
    /// Should write members in the order given, omitting nil fields.
    @Test func writesCompactObjectsInOrder() {
        var json = JSONWriter()
        json.object { json in
            json.field("z", "last letter")
            json.field("a", 1)
            json.field("absent", nil as String?)
            json.key("list")
            json.array { json in
                json.int(1)
                json.string("two")
                json.object { _ in }
                json.array { _ in }
            }
        }
        #expect(json.text == #"{"z":"last letter","a":1,"list":[1,"two",{},[]]}"#)
    }

    /// Should escape quotes, backslashes and control characters, and keep other text as UTF-8.
    @Test func escapesStrings() throws {
        var json = JSONWriter()
        json.string("a \"quoted\" \\ path\n\ttab \u{01} é →")
        #expect(json.text == #""a \"quoted\" \\ path\n\ttab \u0001 é →""#)
        let decoded = try JSONSerialization.jsonObject(with: Data(json.bytes), options: .fragmentsAllowed) as? String
        #expect(decoded == "a \"quoted\" \\ path\n\ttab \u{01} é →")
    }

    /// Should indent nested values by two spaces when pretty.
    @Test func indentsWhenPretty() {
        var json = JSONWriter(pretty: true)
        json.object { json in
            json.field("a", 1)
            json.key("b")
            json.array { json in json.string("x") }
            json.key("c")
            json.array { _ in }
        }
        #expect(json.text == "{\n  \"a\": 1,\n  \"b\": [\n    \"x\"\n  ],\n  \"c\": []\n}")
    }
}
