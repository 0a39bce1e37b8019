import DenyscopeCore
import Testing

@testable import ClusterLoader

/// A large multi-document text is cut at `---` lines and its pieces parsed on all cores; what is
/// loaded, and every error, must be what the whole text gives.
struct ManifestPiecesTests {
    /// A stream with the forms a cut must respect: a comment header, an implicit first document,
    /// empty documents, a `List`, block scalars holding `---` (indented, so not a marker) and
    /// `----` lines inside a document.
    static func stream(objects: Int, appending extra: String = "") -> String {
        var text = "# exported by kubectl\nkind: Namespace\napiVersion: v1\nmetadata: {name: shop}\n"
        for index in 0..<objects {
            switch index % 4 {
            case 0:
                text += """
                    ---
                    apiVersion: v1
                    kind: Pod
                    metadata:
                      name: web-\(index)
                      namespace: shop
                      labels: {app: web, index: "\(index)"}
                      annotations:
                        note: |
                          a block scalar
                          ---
                          still the scalar
                    spec: {containers: [{name: web, ports: [{containerPort: 8080}]}]}
                    status: {podIP: 10.1.\(index / 250).\(index % 250)}

                    """
            case 1:
                text += "---\n---  # an empty document\n"
            case 2:
                text += """
                    --- {apiVersion: v1, kind: List, items: [{apiVersion: v1, kind: Namespace, metadata: {name: ns-\(index)}}]}

                    """
            default:
                text += """
                    ---
                    apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    metadata: {name: allow-\(index), namespace: shop}
                    spec:
                      podSelector: {matchLabels: {app: web}}
                      ingress:
                      - from:
                        - podSelector: {matchLabels: {index: "\(index)"}}
                    ----: a key that is no marker

                    """
            }
        }
        return text + extra
    }

    static func load(_ text: String, pieceSize: Int) throws(InputError) -> LoadedCluster {
        var builder = ClusterBuilder()
        try builder.add(ManifestText(name: "snapshot.yaml", text: text), pieceSize: pieceSize)
        return builder.build()
    }

    /// Should cut at markers only, with each piece's first line, document and byte.
    @Test func cutsAtDocumentMarkers() throws {
        let text = Self.stream(objects: 40)
        let pieces = try #require(ManifestPieces.split(ManifestText(name: "f", text: text), size: 512))
        #expect(pieces.count > 4)
        #expect(pieces.map(\.text).joined() == text)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for piece in pieces.dropFirst() {
            #expect(piece.text.hasPrefix("---"))
            #expect(lines[piece.firstLine - 1].hasPrefix("---"))
            #expect(text.utf8.dropFirst(piece.firstByte).starts(with: piece.text.utf8))
            // Documents before the piece: the implicit first one and every marker before it.
            let before = String(decoding: text.utf8.prefix(piece.firstByte), as: UTF8.self)
            let markers = before.split(separator: "\n").filter { $0.hasPrefix("--- ") || $0 == "---" || $0.hasPrefix("---  ") }
            #expect(piece.firstDocument == 1 + 1 + markers.count)
        }
    }

    /// Should leave whole the texts whose documents the markers cannot count.
    @Test(arguments: ["%YAML 1.2\n", "...\n", "\u{FEFF}"])
    func leavesDirectivesAndDocumentEndsWhole(form: String) {
        let text = form == "\u{FEFF}" ? form + Self.stream(objects: 40) : Self.stream(objects: 40, appending: form + "---\nkind: x\n")
        #expect(ManifestPieces.split(ManifestText(name: "f", text: text), size: 512) == nil)
        #expect(ManifestPieces.split(ManifestText(name: "f", text: Self.stream(objects: 2)), size: 512) == nil)
    }

    /// Should load the same objects, in the same order, as the whole text.
    @Test func loadsWhatTheWholeTextLoads() throws {
        let text = Self.stream(objects: 400)
        let whole = try Self.load(text, pieceSize: .max)
        let cut = try Self.load(text, pieceSize: 2048)
        #expect(whole.state.pods.count == 100)
        #expect(cut.state.pods == whole.state.pods)
        #expect(cut.state.namespaces == whole.state.namespaces)
        #expect(cut.state.networkPolicies == whole.state.networkPolicies)
        #expect(cut.report == whole.report)
    }

    /// Should report an error late in the text at the same line and document, with the same words.
    @Test(arguments: [
        "---\nkind: Pod\napiVersion: v1\nmetadata: {name: [unclosed\n",
        "---\nkind: Pod\napiVersion: v1\nmetadata: {name: bad, namespace: shop}\nspec: 5\n",
        "---\nkind: Pod\napiVersion: v1\nmetadata: {name: twice, name: again}\n",
        "---\nkind: Pod\napiVersion: v1\nmetadata: {name: tab, namespace: shop}\nspec: {containers: *nowhere}\n",
    ])
    func reportsErrorsAsTheWholeTextDoes(error document: String) {
        let text = Self.stream(objects: 300, appending: document + Self.stream(objects: 20))
        var whole: InputError? = nil
        var cut: InputError? = nil
        do { _ = try Self.load(text, pieceSize: .max) } catch { whole = error }
        do { _ = try Self.load(text, pieceSize: 2048) } catch { cut = error }
        #expect(whole != nil)
        #expect(cut?.description == whole?.description)
        #expect(whole?.location.line ?? 0 > 2000)
    }
}
