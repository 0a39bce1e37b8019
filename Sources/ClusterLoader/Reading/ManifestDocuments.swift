import DenyscopeCore

/// A Kubernetes object found in a manifest: its kind, API version and fields.
struct ManifestObject {
    let kind: String
    let apiVersion: String
    let field: Field

    /// The API group: `apps` of `apps/v1`, empty for the core group (`v1`).
    var group: String { type.group }

    /// The kind and API version, without the fields (and the parse tree they hold).
    var type: ManifestType { ManifestType(kind: kind, apiVersion: apiVersion) }
}

/// The kind and API version of an object.
struct ManifestType {
    let kind: String
    let apiVersion: String

    /// The API group: `apps` of `apps/v1`, empty for the core group (`v1`).
    var group: String { apiVersion.split(separator: "/").dropLast().first.map(String.init) ?? "" }
}

/// Splits a YAML or JSON text into Kubernetes objects: one per document, and one per item of
/// `kind: List` or a typed list such as `PodList` (whose items may omit `kind`).
enum ManifestDocuments {
    /// Calls `body` with the objects of the documents parsed so far, about `batchSize` at a time,
    /// in order, so that a multi-document file is never held as parse trees all at once (a
    /// 5,000-pod, 10,000-policy snapshot peaked at 190 MB) while the objects of a batch can be
    /// decoded together. An error of a later document is thrown only after `body` has had the
    /// objects before it, as when objects are taken one by one.
    static func forEachBatch(
        in manifest: ManifestText, batchSize: Int, _ body: ([ManifestObject]) throws(InputError) -> Void
    ) throws(InputError) {
        let reader = YAMLReader(text: manifest.text, firstLine: manifest.firstLine, firstByte: manifest.firstByte)
        var index = manifest.firstDocument - 1
        var pending: [ManifestObject] = []
        while true {
            do throws(InputError) {
                let document: YAMLDocument
                do {
                    guard let next = try reader.nextDocument() else { break }
                    document = next
                } catch {
                    throw syntaxError(error, file: manifest.name)
                }
                index += 1
                if document.isNull(YAMLDocument.root) { continue }
                let origin = DocumentOrigin(file: manifest.name, document: index, line: Int(document.node(YAMLDocument.root).line))
                // A document's objects are all collected before any is decoded, as an error in
                // its structure comes first.
                var objects: [ManifestObject] = []
                try collect(
                    Field(document, YAMLDocument.root, path: "", origin: origin), defaultKind: nil, defaultAPIVersion: nil,
                    into: &objects)
                pending += objects
            } catch {
                if !pending.isEmpty { try body(pending) }
                throw error
            }
            if pending.count >= batchSize {
                try body(pending)
                pending.removeAll(keepingCapacity: true)
            }
        }
        if !pending.isEmpty { try body(pending) }
    }

    private static func collect(
        _ field: Field, defaultKind: String?, defaultAPIVersion: String?, into objects: inout [ManifestObject]
    ) throws(InputError) {
        guard field.isMapping else {
            throw field.error(.invalidField, "expected a Kubernetes object (a map with apiVersion and kind), got \(field.kind)")
        }
        let writtenKind = try field.optional("kind")?.string()
        guard let kind = writtenKind ?? defaultKind else {
            throw InputError(.invalidField, "missing required field kind", at: locate(field, "kind"))
        }
        let writtenAPIVersion = try field.optional("apiVersion")?.string()
        let apiVersion = writtenAPIVersion ?? defaultAPIVersion ?? ""
        let items = try field.optional("items")
        if kind == "List" || (kind.hasSuffix("List") && items != nil) {
            let itemKind = kind == "List" ? nil : String(kind.dropLast("List".count))
            for item in try items?.list() ?? [] {
                try collect(item, defaultKind: itemKind, defaultAPIVersion: itemKind == nil ? nil : apiVersion, into: &objects)
            }
            return
        }
        var located = field
        if let name = try? field.optional("metadata")?.optional("name")?.string() {
            let namespace = try? field.optional("metadata")?.optional("namespace")?.string()
            var origin = field.origin
            origin.object = "\(kind) " + (namespace.map { "\($0)/" } ?? "") + name
            located = field.with(origin: origin)
        }
        objects.append(ManifestObject(kind: kind, apiVersion: apiVersion, field: located))
    }

    private static func locate(_ field: Field, _ key: String) -> InputLocation {
        var location = field.location
        location.fieldPath = field.path.isEmpty ? key : "\(field.path).\(key)"
        return location
    }

    private static func language(of file: String) -> String {
        file.lowercased().hasSuffix(".json") ? "JSON" : "YAML"
    }

    private static func syntaxError(_ error: YAMLReader.SyntaxError, file: String) -> InputError {
        let column = error.column.map { " (column \($0))" } ?? ""
        return InputError(
            .syntax, "invalid \(language(of: file)): \(error.message)\(column)", at: InputLocation(file: file, line: error.line))
    }
}
