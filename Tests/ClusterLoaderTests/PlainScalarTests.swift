import Testing
import Yams

@testable import ClusterLoader

/// `PlainScalar` types unquoted scalars as Yams' default (YAML 1.1) resolver does, without its
/// regular expressions.
struct PlainScalarTests {
    static let values: [(text: String, expected: PlainScalar)] = [
        ("80", .int(80)), ("0", .int(0)), ("-5", .int(-5)), ("+5", .int(5)), ("1_000", .int(1000)),
        ("0x1F", .int(31)), ("0o17", .int(15)), ("0755", .int(493)), ("0b101", .int(5)),
        ("1.5", .float(1.5)), ("-0.25", .float(-0.25)), (".5", .float(0.5)), ("1.", .float(1)), ("1e+3", .float(1000)),
        ("-.inf", .float(-.infinity)), ("yes", .bool(true)), ("True", .bool(true)), ("off", .bool(false)),
        ("NO", .bool(false)), ("", .null), ("~", .null), ("Null", .null), ("web", .string), ("1e3", .float(1000)), ("-.5", .string),
        (".5e3", .string), (".5e-1", .float(0.05)),
        ("--5", .string), ("_1", .string), ("0x", .string), ("8080/TCP", .string), ("10.0.0.0/8", .string),
        ("2024-01-01T00:00:00Z", .string), ("y", .string), ("9223372036854775808", .float(9_223_372_036_854_775_808)),
        ("10.64.1.2", .string), ("1.2.3", .string), ("1..2", .string), ("-\u{301}5", .string), ("\u{FF11}", .string),
        ("yess", .string), ("nulls", .string), ("00", .int(0)), ("+.INF", .float(.infinity)),
    ]

    /// Should decide each scalar's type and value.
    @Test(arguments: values)
    func typesScalar(text: String, expected: PlainScalar) {
        #expect(PlainScalar(text) == expected)
    }

    /// Should agree with Yams' default resolver on every sample but timestamps (strings to us, as
    /// before) and integers too large for `Int`.
    @Test(arguments: values.map(\.text))
    func agreesWithYams(text: String) {
        let tag = Resolver.default.resolveTag(of: Node(text, Tag(.implicit)))
        let yams: String
        switch tag {
        case .int: yams = text.count > 18 ? "float" : "int"
        case .float: yams = "float"
        case .bool: yams = "bool"
        case .null: yams = "null"
        default: yams = "string"
        }
        let ours: String
        switch PlainScalar(text) {
        case .int: ours = "int"
        case .float: ours = "float"
        case .bool: ours = "bool"
        case .null: ours = "null"
        case .string: ours = "string"
        }
        #expect(ours == yams)
    }
}
