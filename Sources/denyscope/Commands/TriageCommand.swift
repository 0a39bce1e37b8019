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

    @OptionGroup(title: "Input") var input: InputOptions

    @Option(help: "table, json or markdown.")
    var output: TriageOutput = .table

    @Option(help: "Show only the N largest groups (table and markdown).")
    var top: Int?

    @Flag(help: "Also show groups that both the records and the engine allow.")
    var all = false

    @Option(help: "Keep connections with either side in this namespace.")
    var namespace: String?

    @Option(
        help: ArgumentHelp(
            "Keep connections from this source: namespace/name (pod or workload), namespace/*, an IP, or world.", valueName: "endpoint"))
    var from: String?

    @Option(help: ArgumentHelp("Keep connections to this destination, in the same forms as --from.", valueName: "endpoint"))
    var to: String?

    @Option(help: ArgumentHelp("Keep records at or after this RFC 3339 time.", valueName: "time"))
    var since: String?

    @Option(help: ArgumentHelp("Keep records at or before this RFC 3339 time.", valueName: "time"))
    var until: String?

    @Option(help: "Keep connections the engine allowed or denied.")
    var verdict: VerdictArgument?

    func validate() throws {
        if let top, top < 1 { throw ValidationError("--top must be at least 1, not \(top).") }
        _ = try filter()
    }

    /// The filter the options describe.
    func filter() throws -> FlowFilter {
        func pattern(_ text: String?, _ option: String) throws -> EndpointPattern? {
            guard let text else { return nil }
            guard let pattern = EndpointPattern(text) else {
                throw ValidationError("\(option) \"\(text)\" is not namespace/name, namespace/*, an IP address or world.")
            }
            return pattern
        }
        func time(_ text: String?, _ option: String) throws -> Int64? {
            guard let text else { return nil }
            guard let value = Array(text.utf8).withUnsafeBytes({ RFC3339.nanoseconds($0) }) else {
                throw ValidationError("\(option) \"\(text)\" is not an RFC 3339 time such as 2026-11-23T10:00:00Z.")
            }
            return value
        }
        return FlowFilter(
            namespace: namespace, from: try pattern(from, "--from"), to: try pattern(to, "--to"), since: try time(since, "--since"),
            until: try time(until, "--until"), verdict: verdict?.verdict)
    }

    func run() throws {
        let loaded = try cluster.load()
        let engine = PolicyEngine(cluster: loaded.state, options: try cluster.engineOptions(for: loaded.state))
        var matcher = ParallelFlowMatcher(
            engine: engine, includeAllowed: all, filter: try filter(), workers: ProcessInfo.processInfo.activeProcessorCount)
        var progress = Progress()
        let stats = try input.reader.read(input.inputs) { flows in
            matcher.add(flows)
            progress.advance(by: flows.count)
        }
        progress.finish()
        let summary = IngestSummary(
            records: stats.records, parsed: stats.parsed, skipped: stats.skipped, failed: stats.failed,
            skippedByReason: Dictionary(uniqueKeysWithValues: stats.skippedByReason.map { ($0.key.code, $0.value) }),
            failures: stats.failures.map(\.description))
        // Groups are built, and near misses computed (an evaluation each), for the groups shown only.
        let shown = matcher.explained(matcher.sortedGroups(limit: output == .json ? nil : top))
        switch output {
        case .json:
            var json = JSONWriter(pretty: true)
            TriageReport.write(shown, summary: summary, into: &json)
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

/// `triage --verdict` values.
enum VerdictArgument: String, ExpressibleByArgument, CaseIterable {
    case allowed, denied

    var verdict: Verdict { self == .allowed ? .allowed : .denied }
}

/// `triage --output` values.
enum TriageOutput: String, ExpressibleByArgument, CaseIterable {
    case table, json, markdown
}
