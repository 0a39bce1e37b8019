import DenyscopeTestSupport
import Testing

struct DemoCommandTests {
    /// Should explain the embedded NP-01 and NP-03 scenarios exactly as recorded.
    @Test func demoMatchesGolden() throws {
        let result = try CommandRunner.run(["demo"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(goldenMismatch(result.stdout, golden: "demo/demo.txt") == nil)
    }

    /// Should name the responsible policy and side for both seed scenarios.
    @Test func demoNamesPolicyAndSide() throws {
        let output = try CommandRunner.run(["demo"]).stdout
        #expect(
            output.contains(
                "Ingress to default/web-7c8d9f6b5-x2k4q: DENIED by default deny. Isolated by NetworkPolicy default/web-deny-all;"))
        #expect(output.contains("Isolated by NetworkPolicy default/api-allow and NetworkPolicy default/default-deny-all;"))
        #expect(
            output.contains("rule 0 of NetworkPolicy default/api-allow (ingress): peer label app=coffeeshop does not match app=bookstore"))
    }
}
