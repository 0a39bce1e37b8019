import DenyscopeTestSupport
import Foundation
import Testing

struct ExplainCommandTests {
    static let snapshot = "fixtures/cluster/kubectl-get-all/snapshot.yaml"

    /// Should print the 3 a.m. paragraph: verdict, deciding side and policy, near misses.
    @Test func textOutputMatchesGolden() throws {
        let result = try CommandRunner.run([
            "explain", "--cluster", Self.snapshot, "--from", "marketing/crawler", "--to", "shop/web", "--port", "80",
        ])
        #expect(result.status == 0)
        #expect(goldenMismatch(result.stdout, golden: "explain/crawler-to-web-80.txt") == nil)
    }

    /// Should print the JSON object of the contract, both sides denying.
    @Test func jsonOutputMatchesGolden() throws {
        let result = try CommandRunner.run([
            "explain", "--cluster", Self.snapshot, "--from", "shop/db-0", "--to", "shop/web", "--port", "8080", "--output", "json",
        ])
        #expect(result.status == 0)
        #expect(goldenMismatch(result.stdout, golden: "explain/db-to-web-8080.json") == nil)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["verdict"] as? String == "denied")
        #expect((object["egress"] as? [String: Any])?["reason"] as? String == "default-deny")
        #expect((object["ingress"] as? [String: Any])?["reason"] as? String == "default-deny")
    }

    /// Should answer JSON lines in input order, an error object in place of a bad line.
    @Test func batchAnswersEveryLineInOrder() throws {
        let input = """
            {"from":"marketing/crawler","to":"shop/web","port":8080,"protocol":"TCP"}
            not json

            {"from":"shop/nope","to":"shop/web","port":80}
            {"from":"marketing/crawler","to":"10.244.2.9","port":8080}
            """
        let result = try CommandRunner.run(["explain", "--cluster", Self.snapshot, "--batch", "-"], stdin: input)
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0].contains(#""verdict":"allowed""#))
        #expect(lines[1] == #"{"line":2,"error":"not a JSON object"}"#)
        #expect(lines[2] == #"{"line":4,"error":"the cluster snapshot has no pod or workload shop/nope"}"#)
        #expect(lines[3].contains(#""pod":"web-7c8d9f6b5-9zq7m""#))
        #expect(result.stderr == "explained 2 queries (0 denied), 2 failed; first failure: <stdin>:2: not a JSON object\n")
    }

    /// Should stop at the first bad line with --strict, naming its line (exit code 2).
    @Test func strictBatchStopsAtFirstFailure() throws {
        let input = "{\"from\":\"marketing/crawler\",\"to\":\"shop/web\",\"port\":8080}\n{\"from\":\"x\",\"to\":\"shop/web\",\"port\":80}\n"
        let result = try CommandRunner.run(["explain", "--cluster", Self.snapshot, "--batch", "-", "--strict"], stdin: input)
        #expect(result.status == 2)
        #expect(result.stderr == "error: <stdin>:2: invalid endpoint \"x\" (expected namespace/pod, an IP address, or world)\n")
    }

    /// Should explain ICMP without a port.
    @Test func explainsICMP() throws {
        let result = try CommandRunner.run([
            "explain", "--cluster", Self.snapshot, "--from", "marketing/crawler", "--to", "shop/web", "--protocol", "ICMP", "--icmp-type",
            "8",
        ])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("DENIED: marketing/crawler → shop/web-7c8d9f6b5-9zq7m (Deployment web) on ICMP type 8\n"))
    }
}
