import ArgumentParser
import DenyscopeCore
import FlowIngest
import Foundation
import Matcher
import PolicyEngine
import Reports

/// `denyscope triage`: groups real traffic records by who was denied what, by which policy.
struct TriageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triage",
        abstract: "Group denied connections from traffic records by source, destination, port and responsible policy.",
        discussion: """
            Every record is decided by the engine and compared with the record's own verdict: confirmed,
            not-a-policy-drop, unexplained (the engine allows), observed-allowed-but-denied (the engine denies).
            """)

    @OptionGroup(title: "Cluster") var cluster: ClusterOptions

    @Argument(help: ArgumentHelp("Input files or directories, or - for stdin.", valueName: "input"))
    var inputs: [String] = []

    @Option(help: "The input format; sniffed from the first bytes when omitted.")
    var inputFormat: InputFormatArgument?

    @Option(help: "table, json or markdown.")
    var output: TriageOutput = .table

    @Option(help: "Show only the N largest groups (table and markdown).")
    var top: Int?

    @Flag(help: "Also show groups that both the records and the engine allow.")
    var all = false

    @Flag(help: "Stop at the first record that cannot be read (exit code 2).")
    var strict = false

    func validate() throws {
        guard !inputs.isEmpty else { throw ValidationError("Give at least one input file, directory, or - for stdin.") }
        if let top, top < 1 { throw ValidationError("--top must be at least 1, not \(top).") }
    }

    func run() throws {
        let loaded = try cluster.load()
        let engine = PolicyEngine(cluster: loaded.state, options: try cluster.engineOptions(for: loaded.state))
        var matcher = FlowMatcher(engine: engine, includeAllowed: all)
        let reader = FlowReader(options: IngestOptions(format: inputFormat?.format, strict: strict))
        let stats = try reader.read(inputs) { flows in
            for flow in flows { matcher.add(flow) }
        }
        let summary = IngestSummary(
            records: stats.records, parsed: stats.parsed, skipped: stats.skipped, failed: stats.failed,
            skippedByReason: Dictionary(uniqueKeysWithValues: stats.skippedByReason.map { ($0.key.code, $0.value) }),
            failures: stats.failures.map(\.description))
        let groups = matcher.sortedGroups
        let shown = top.map { Array(groups.prefix($0)) } ?? groups
        switch output {
        case .json:
            var json = JSONWriter(pretty: true)
            TriageReport.write(groups, summary: summary, into: &json)
            print(json.text)
        case .table:
            print(shown.isEmpty ? "No denied connections." : TriageTable.text(shown))
            StandardError.print(stats.description)
        case .markdown:
            print(TriageTable.markdown(shown))
            StandardError.print(stats.description)
        }
    }
}

/// `triage --output` values.
enum TriageOutput: String, ExpressibleByArgument, CaseIterable {
    case table, json, markdown
}
