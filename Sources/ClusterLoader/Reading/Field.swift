import DenyscopeCore
import Yams

/// A YAML/JSON node together with where it came from, so that every error names file, line,
/// document, object and field path: `pods.yaml:12: document 3 (Pod shop/web): spec.hostNetwork: …`.
struct Field {
    let node: Yams.Node
    let path: String
    let origin: DocumentOrigin
    /// The line of the key this value belongs to: a value such as a nested list may start lines
    /// below its key, and errors should point at the key the user wrote.
    let keyLine: Int?

    init(_ node: Yams.Node, path: String, origin: DocumentOrigin, keyLine: Int? = nil) {
        self.node = node
        self.path = path
        self.origin = origin
        self.keyLine = keyLine
    }

    var location: InputLocation {
        InputLocation(
            file: origin.file, line: keyLine ?? node.mark?.line ?? origin.line, document: origin.document,
            object: origin.object, fieldPath: path)
    }

    func error(_ code: InputError.Code = .invalidField, _ message: String) -> InputError {
        InputError(code, message, at: location)
    }

    /// The child `key` of a mapping; `nil` when absent or `null`.
    func optional(_ key: String) throws(InputError) -> Field? {
        guard case .mapping(let mapping) = node else { throw typeError(expected: "map") }
        guard let pair = mapping.first(where: { $0.key.scalar?.string == key }), !Self.isNull(pair.value) else { return nil }
        return Field(pair.value, path: path.isEmpty ? key : "\(path).\(key)", origin: origin, keyLine: pair.key.mark?.line)
    }

    /// The child `key` of a mapping; an error naming the field when it is absent.
    func required(_ key: String) throws(InputError) -> Field {
        guard let child = try optional(key) else {
            throw InputError(.invalidField, "missing required field", at: childLocation(key))
        }
        return child
    }

    /// The items of a list, each with its `[index]` path.
    func list() throws(InputError) -> [Field] {
        guard case .sequence(let sequence) = node else { throw typeError(expected: "list") }
        return sequence.enumerated().map { Field($0.element, path: "\(path)[\($0.offset)]", origin: origin) }
    }

    /// The entries of a map, keys as strings, in document order.
    func entries() throws(InputError) -> [(key: String, value: Field)] {
        guard case .mapping(let mapping) = node else { throw typeError(expected: "map") }
        var result: [(key: String, value: Field)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else { throw typeError(expected: "map with string keys") }
            let childPath = path.isEmpty ? scalar.string : "\(path).\(scalar.string)"
            result.append((scalar.string, Field(value, path: childPath, origin: origin, keyLine: scalar.mark?.line)))
        }
        return result
    }

    func string() throws(InputError) -> String {
        guard case .scalar(let scalar) = node, !Self.isNull(node), scalar.style != .plain || kind == "string" else {
            throw typeError(expected: "string")
        }
        return scalar.string
    }

    /// A string, accepting plain numbers and booleans as their text (label values such as `version: 2`).
    func text() throws(InputError) -> String {
        guard case .scalar(let scalar) = node, !Self.isNull(node) else { throw typeError(expected: "string") }
        return scalar.string
    }

    func int() throws(InputError) -> Int {
        guard case .int(let value) = plainScalar else { throw typeError(expected: "integer") }
        return value
    }

    func bool() throws(InputError) -> Bool {
        guard case .bool(let value) = plainScalar else { throw typeError(expected: "boolean") }
        return value
    }

    /// An integer or a floating-point number, such as a Calico `order`.
    func number() throws(InputError) -> Double {
        switch plainScalar {
        case .int(let value): return Double(value)
        case .float(let value): return value
        default: throw typeError(expected: "number")
        }
    }

    /// The type of a plain scalar; `nil` for quoted scalars and collections.
    private var plainScalar: PlainScalar? {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return nil }
        return PlainScalar(scalar.string)
    }

    /// A map of strings to strings, such as `metadata.labels` or `matchLabels`.
    func stringMap() throws(InputError) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in try entries() { result[key] = try value.text() }
        return result
    }

    /// The YAML type of the node as the error messages name it.
    var kind: String {
        switch node {
        case .mapping: return "map"
        case .sequence: return "list"
        case .alias: return "alias"
        case .scalar(let scalar):
            guard scalar.style == .plain else { return "string" }
            switch PlainScalar(scalar.string) {
            case .null: return "null"
            case .int: return "integer"
            case .bool: return "boolean"
            case .float: return "number"
            case .string: return "string"
            }
        }
    }

    func typeError(expected: String) -> InputError {
        error(.invalidField, "expected \(expected), got \(kind)")
    }

    private func childLocation(_ key: String) -> InputLocation {
        var location = self.location
        location.fieldPath = path.isEmpty ? key : "\(path).\(key)"
        return location
    }

    static func isNull(_ node: Yams.Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return PlainScalar.isNull(scalar.string)
    }
}

/// The document a field belongs to: file, 1-based document index, and the object it describes.
struct DocumentOrigin {
    let file: String
    let document: Int
    let line: Int?
    var object: String?
}
