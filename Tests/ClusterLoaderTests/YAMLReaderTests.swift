import Testing

@testable import ClusterLoader

/// `YAMLReader` turns libyaml's events into documents of flat nodes.
struct YAMLReaderTests {
    static func documents(_ text: String) throws -> [YAMLDocument] {
        let reader = YAMLReader(text: text)
        var documents: [YAMLDocument] = []
        while let document = try reader.nextDocument() { documents.append(document) }
        return documents
    }

    /// Should read each document of a stream with its scalars, styles and lines.
    @Test func readsDocumentsScalarsAndLines() throws {
        let documents = try Self.documents(
            """
            kind: Pod
            metadata:
              name: "web"
              labels: {app: web, tier: '2'}
            ---
            - 80
            - [a, b]
            """)
        #expect(documents.count == 2)
        let pod = documents[0]
        let metadata = try #require(pod.pair("metadata", in: YAMLDocument.root))
        #expect(pod.node(metadata.key).line == 2)
        let name = try #require(pod.pair("name", in: metadata.value))
        #expect(pod.text(name.value) == "web")
        #expect(pod.node(name.value).isPlain == false)
        #expect(pod.node(name.value).line == 3)
        let labels = try #require(pod.pair("labels", in: metadata.value))
        #expect(pod.children(labels.value).map { pod.text($0) } == ["app", "web", "tier", "2"])
        #expect(pod.pair("missing", in: YAMLDocument.root) == nil)
        let list = documents[1]
        #expect(list.node(YAMLDocument.root).kind == .sequence)
        let items = Array(list.children(YAMLDocument.root))
        #expect(list.text(items[0]) == "80")
        #expect(list.node(items[0]).isPlain)
        #expect(list.children(items[1]).map { list.text($0) } == ["a", "b"])
    }

    /// Should read JSON, which is YAML's flow style, with quoted keys and values.
    @Test func readsJSON() throws {
        let document = try #require(try Self.documents(#"{"kind": "Service", "spec": {"ports": [{"port": 443}]}}"#).first)
        let spec = try #require(document.pair("spec", in: YAMLDocument.root))
        let ports = try #require(document.pair("ports", in: spec.value))
        let port = try #require(document.children(ports.value).first)
        let number = try #require(document.pair("port", in: port))
        #expect(document.text(number.value) == "443")
        #expect(document.node(number.value).isPlain)
    }

    /// Should let an alias stand for its anchor's node.
    @Test func resolvesAliases() throws {
        let document = try #require(
            try Self.documents(
                """
                common: &labels {app: web}
                selector: *labels
                """
            ).first)
        let common = try #require(document.pair("common", in: YAMLDocument.root))
        let selector = try #require(document.pair("selector", in: YAMLDocument.root))
        #expect(selector.value == common.value)
        #expect(document.children(selector.value).map { document.text($0) } == ["app", "web"])
    }

    /// Should treat an empty document and `null` as null.
    @Test func readsNullDocuments() throws {
        let documents = try Self.documents("---\n---\nnull\n---\n~\n")
        #expect(documents.count == 3)
        #expect(documents.allSatisfy { $0.isNull(YAMLDocument.root) })
    }

    /// Should reject duplicate keys (a small and a large mapping), unknown aliases and bad syntax,
    /// with the line.
    @Test(
        arguments: [
            ("a: 1\nb: 2\na: 3\n", "duplicate key \"a\"", 3, nil),
            ((0..<12).map { "k\($0): v" }.joined(separator: "\n") + "\nk7: again\n", "duplicate key \"k7\"", 13, nil),
            ("a: *missing\n", "unknown alias *missing", 1, 4),
            ("a: &loop [1, *loop]\n", "unknown alias *loop", 1, 14),
            ("a: [1, 2\n", "did not find expected ',' or ']' (while parsing a flow sequence)", 2, 1),
        ] as [(String, String, Int, Int?)])
    func rejectsBadDocuments(text: String, message: String, line: Int, column: Int?) throws {
        let error = try #require(throws: YAMLReader.SyntaxError.self) { try Self.documents(text) }
        #expect(error.message == message)
        #expect(error.line == line)
        #expect(error.column == column)
    }
}
