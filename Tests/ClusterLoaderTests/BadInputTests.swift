import ClusterLoader
import DenyscopeCore
import DenyscopeTestSupport
import Testing

/// Each file of `fixtures/bad/cluster/` and the exact error a user sees for it.
struct BadInputTests {
    static let cases: [(file: String, message: String)] = [
        (
            "port-list.yaml",
            "25: document 2 (NetworkPolicy shop/allow-frontend): spec.ingress[0].ports[1].port: expected integer or string, got list"
        ),
        (
            "bad-cidr.yaml",
            "11: document 1 (NetworkPolicy shop/from-office): spec.ingress[0].from[0].ipBlock.cidr: invalid CIDR \"10.0.0.0/33\""
        ),
        (
            "bad-operator.yaml",
            "10: document 1 (NetworkPolicy shop/tiers): spec.podSelector.matchExpressions[0].operator: unknown operator \"Equals\" (expected In, NotIn, Exists or DoesNotExist)"
        ),
        ("syntax.yaml", "7: invalid YAML: did not find expected key (while parsing a block mapping) (column 4)"),
        ("missing-name.yaml", "3: document 1: metadata.name: missing required field"),
        (
            "ipblock-and-selector.yaml",
            "9: document 1 (NetworkPolicy mixed-peer): spec.egress[0].to[0]: may not specify both ipBlock and another peer"
        ),
        (
            "bad-endport.yaml",
            "11: document 1 (NetworkPolicy shop/range): spec.ingress[0].ports[0].endPort: endPort 8000 must be between port 9000 and 65535"
        ),
        (
            "bad-port-name.yaml",
            "10: document 1 (NetworkPolicy shop/named): spec.ingress[0].ports[0].port: invalid port name \"HTTP_PORT\" (1-15 lowercase letters, digits and '-', with at least one letter)"
        ),
        ("truncated.json", "6: invalid JSON: did not find expected node content (while parsing a flow node) (column 1)"),
        ("not-an-object.yaml", "1: document 1: expected a Kubernetes object (a map with apiVersion and kind), got list"),
        ("bad-pod-ip.yaml", "7: document 1 (Pod shop/web): status.podIP: invalid IP address \"10.244.1.300\""),
        ("duplicate-key.yaml", "14: invalid YAML: duplicate key \"port\""),
    ]

    /// Should reject the file with its exact location and a message that says what is wrong.
    @Test(arguments: cases)
    func rejectsWithLocation(file: String, message: String) {
        let path = Fixtures.path("bad/cluster/" + file)
        do {
            _ = try ClusterLoader.load(paths: [path])
            Issue.record("\(file) loaded without error")
        } catch {
            #expect(error.description == "\(path):\(message)")
        }
    }

    /// Should validate label selector operators the way the API server does.
    @Test(arguments: [
        ("{key: app, operator: In}", "operator In needs at least one value"),
        ("{key: app, operator: Exists, values: [x]}", "operator Exists takes no values"),
    ])
    func validatesSelectorValues(expression: String, message: String) {
        let text = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: p}
            spec:
              podSelector:
                matchExpressions:
                - \(expression)
            """
        #expect(throws: InputError.self) { try ClusterLoader.load(text: text, file: "p.yaml") }
        do {
            _ = try ClusterLoader.load(text: text, file: "p.yaml")
        } catch {
            #expect(error.description == "p.yaml:7: document 1 (NetworkPolicy p): spec.podSelector.matchExpressions[0]: \(message)")
        }
    }

    /// Pods `first..<end` as YAML documents, one per pod, each of three lines.
    static func podDocuments(_ range: Range<Int>) -> String {
        range.map { "apiVersion: v1\nkind: Pod\nmetadata: {name: pod-\($0), namespace: shop}\n" }.joined(separator: "---\n")
    }

    /// Should report the first error in document order whatever the batches objects are decoded
    /// in: a bad pod far into a long stream, before a later bad pod and a later syntax error.
    @Test func reportsTheFirstErrorOfALongStream() {
        let badPod = "apiVersion: v1\nkind: Pod\nmetadata: {name: bad, namespace: shop}\nstatus: {podIP: 10.0.0.300}\n"
        let text =
            Self.podDocuments(0..<300) + "---\n" + badPod + "---\n" + Self.podDocuments(301..<700) + "---\n" + badPod
            + "---\nkind: [unclosed\n"
        do {
            _ = try ClusterLoader.load(text: text, file: "long.yaml")
            Issue.record("loaded without error")
        } catch {
            #expect(error.description == "long.yaml:1204: document 301 (Pod shop/bad): status.podIP: invalid IP address \"10.0.0.300\"")
        }
    }

    /// Should report a syntax error after the objects before it were all read without error.
    @Test func reportsASyntaxErrorAfterGoodObjects() {
        let text = Self.podDocuments(0..<300) + "---\nkind: [unclosed\n"
        do {
            _ = try ClusterLoader.load(text: text, file: "cut.yaml")
            Issue.record("loaded without error")
        } catch {
            #expect(
                error.description
                    == "cut.yaml:1202: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence) (column 1)")
        }
    }
}
