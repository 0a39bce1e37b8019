import ArgumentParser
import ClusterLoader
import FlowIngest
import Foundation
import Matcher
import PolicyEngine
import Reports

/// `denyscope demo`: runs explain and triage on the embedded scenarios, so a new user sees the whole answer.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract:
            "Run explain and triage on the embedded scenarios: NP-01, NP-03 and the Cilium ingressDeny seed case, each recorded in two formats."
    )

    func run() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("denyscope-demo-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var first = true
        for scenario in DemoScenario.all {
            if !first { print("") }
            first = false
            print("== \(scenario.title) ==")
            print(scenario.summary)
            let loaded = try ClusterLoader.load(text: scenario.data.snapshot, file: scenario.fileName)
            print("Snapshot: \(loaded.report.summary).")
            let dialect: EngineOptions.Dialect = loaded.state.ciliumPolicies.isEmpty ? .kubernetes : .cilium
            let engine = PolicyEngine(cluster: loaded.state, options: EngineOptions(dialect: dialect))
            for query in scenario.queries {
                print("")
                print("$ denyscope explain --cluster \(scenario.fileName) --from \(query.from) --to \(query.to) --port \(query.port ?? 0)")
                let connection = try query.connection(in: engine)
                print(ExplainText.render(connection, engine.evaluate(connection)))
            }
            for recording in scenario.data.recordings {
                try triage(recording, of: scenario, engine: engine, in: directory)
            }
        }
    }

    /// Triage of one recording, read from a file as `denyscope triage` reads it and printed as it prints it.
    private func triage(_ recording: DemoRecording, of scenario: DemoScenario, engine: PolicyEngine, in directory: URL) throws {
        let file = directory.appendingPathComponent(recording.fileName)
        try Data(recording.contents).write(to: file)
        var matcher = FlowMatcher(engine: engine)
        let stats = try FlowReader().read([file.path]) { flows in
            for flow in flows { matcher.add(flow) }
        }
        print("")
        print("$ denyscope triage --cluster \(scenario.fileName) \(recording.fileName)")
        print(TriageTable.text(matcher.explained(matcher.sortedGroups)))
        print(stats.description)
    }
}
