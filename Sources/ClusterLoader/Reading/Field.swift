import DenyscopeCore

/// A YAML/JSON node together with where it came from, so that every error names file, line,
/// document, object and field path: `pods.yaml:12: document 3 (Pod shop/web): spec.hostNetwork: …`.
struct Field {
    let document: YAMLDocument
    let node: Int32
    let path: String
    let origin: DocumentOrigin
    /// The line of the key this value belongs to: a value such as a nested list may start lines
    /// below its key, and errors should point at the key the user wrote.
    let keyLine: Int?

    init(_ document: YAMLDocument, _ node: Int32, path: String, origin: DocumentOrigin, keyLine: Int? = nil) {
        self.document = document
        self.node = node
        self.path = path
        self.origin = origin
        self.keyLine = keyLine
    }

    var location: InputLocation {
        InputLocation(
            file: origin.file, line: keyLine ?? Int(document.node(node).line), document: origin.document, object: origin.object,
            fieldPath: path)
    }

    var isMapping: Bool { document.node(node).kind == .mapping }

    /// This node with another origin (the object it turned out to describe).
    func with(origin: DocumentOrigin) -> Field {
        Field(document, node, path: path, origin: origin, keyLine: keyLine)
    }

    func error(_ code: InputError.Code = .invalidField, _ message: String) -> InputError {
        InputError(code, message, at: location)
    }

    /// The child `key` of a mapping; `nil` when absent or `null`.
    func optional(_ key: String) throws(InputError) -> Field? {
        guard isMapping else { throw typeError(expected: "map") }
        guard let pair = document.pair(key, in: node), !document.isNull(pair.value) else { return nil }
        return Field(
            document, pair.value, path: path.isEmpty ? key : "\(path).\(key)", origin: origin,
            keyLine: Int(document.node(pair.key).line))
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
        guard document.node(node).kind == .sequence else { throw typeError(expected: "list") }
        return document.children(node).enumerated().map { Field(document, $0.element, path: "\(path)[\($0.offset)]", origin: origin) }
    }

    /// The entries of a map, keys as strings, in document order.
    func entries() throws(InputError) -> [(key: String, value: Field)] {
        guard isMapping else { throw typeError(expected: "map") }
        let items = document.children(node)
        var result: [(key: String, value: Field)] = []
        result.reserveCapacity(items.count / 2)
        for position in stride(from: items.startIndex, to: items.endIndex, by: 2) {
            guard let key = document.text(items[position]) else { throw typeError(expected: "map with string keys") }
            let childPath = path.isEmpty ? key : "\(path).\(key)"
            let keyLine = Int(document.node(items[position]).line)
            result.append((key, Field(document, items[position + 1], path: childPath, origin: origin, keyLine: keyLine)))
        }
        return result
    }

    func string() throws(InputError) -> String {
        guard let text = document.text(node), !document.isNull(node), !document.node(node).isPlain || plainScalar == .string else {
            throw typeError(expected: "string")
        }
        return text
    }

    /// A string, accepting plain numbers and booleans as their text (label values such as `version: 2`).
    func text() throws(InputError) -> String {
        guard let text = document.text(node), !document.isNull(node) else { throw typeError(expected: "string") }
        return text
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
        guard document.node(node).isPlain, let text = document.text(node) else { return nil }
        return PlainScalar(text)
    }

    /// A map of strings to strings, such as `metadata.labels` or `matchLabels`.
    func stringMap() throws(InputError) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in try entries() { result[key] = try value.text() }
        return result
    }

    /// The YAML type of the node as the error messages name it.
    var kind: String {
        switch document.node(node).kind {
        case .mapping: return "map"
        case .sequence: return "list"
        case .scalar:
            guard let plain = plainScalar else { return "string" }
            switch plain {
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
}

/// The document a field belongs to: file, 1-based document index, and the object it describes.
struct DocumentOrigin {
    let file: String
    let document: Int
    let line: Int?
    var object: String?
}
