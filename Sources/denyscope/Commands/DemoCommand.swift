import ArgumentParser
import ClusterLoader
import FlowIngest
import Foundation
import Matcher
import PolicyEngine
import Reports

/// `denyscope demo`: runs explain on the embedded scenarios, so a new user sees the whole answer.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract:
            "Run explain (and triage of recorded traffic) on the embedded scenarios: NP-01, NP-03 and the Cilium ingressDeny seed case.")

    func run() throws {
        var first = true
        for scenario in DemoScenario.all {
            if !first { print("") }
            first = false
            print("== \(scenario.title) ==")
            print(scenario.summary)
            let loaded = try ClusterLoader.load(text: scenario.snapshot, file: scenario.fileName)
            print("Snapshot: \(loaded.report.summary).")
            let dialect: EngineOptions.Dialect = loaded.state.ciliumPolicies.isEmpty ? .kubernetes : .cilium
            let engine = PolicyEngine(cluster: loaded.state, options: EngineOptions(dialect: dialect))
            for query in scenario.queries {
                print("")
                print("$ denyscope explain --cluster \(scenario.fileName) --from \(query.from) --to \(query.to) --port \(query.port ?? 0)")
                let connection = try query.connection(in: engine)
                print(ExplainText.render(connection, engine.evaluate(connection)))
            }
            if let flows = scenario.flows { triage(flows, scenario: scenario, engine: engine) }
        }
    }

    /// Triage of the scenario's recorded traffic, as `denyscope triage` prints it.
    private func triage(_ flows: String, scenario: DemoScenario, engine: PolicyEngine) {
        let file = scenario.fileName.replacingOccurrences(of: ".yaml", with: ".hubble.jsonl")
        var session = LineIngestSession(adapter: HubbleJSONAdapter(), file: file)
        var matcher = FlowMatcher(engine: engine)
        for flow in session.push(Array((flows + "\n").utf8)) + session.finish() { matcher.add(flow) }
        print("")
        print("$ denyscope triage --cluster \(scenario.fileName) \(file)")
        print(TriageTable.text(matcher.explained(matcher.sortedGroups)))
        print(session.stats.description)
    }
}
