import ArgumentParser
import ClusterLoader
import DenyscopeCore
import FlowIngest
import Matcher
import PolicyEngine
import Reports

/// `denyscope audit`: which of today's observed connections proposed policies would break.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Replay observed traffic against proposed policies: what would break, what would open up.",
        discussion: """
            Every observed flow (allowed or denied) is decided with the current snapshot and with the snapshot
            plus the proposed policies (which replace current ones of the same kind, namespace and name).
            Records that are already audit-mode verdicts (Cilium AUDIT) are reported as they stand.
            """)

    @OptionGroup(title: "Cluster") var cluster: ClusterOptions

    @Option(
        name: .customLong("proposed"),
        help: ArgumentHelp("Policies not yet applied: files or directories (repeatable).", valueName: "path"))
    var proposedPaths: [String] = []

    @OptionGroup(title: "Input") var input: InputOptions

    @Option(help: "table, json or markdown.")
    var output: TriageOutput = .table

    @Flag(help: "Exit with code 3 when the proposed policies would break an observed connection (for CI).")
    var failOnDeny = false

    func validate() throws {
        guard !proposedPaths.isEmpty else { throw ValidationError("Missing --proposed: give the policies to audit.") }
    }

    func run() throws {
        let current = try cluster.load().state
        let combined = try ClusterLoader.load(paths: cluster.paths + proposedPaths).state
        let options = try cluster.engineOptions(for: combined)
        var matcher = AuditMatcher(
            current: PolicyEngine(cluster: current, options: options), proposed: PolicyEngine(cluster: combined, options: options))
        var progress = Progress()
        let stats = try input.reader.read(input.inputs) { flows in
            for flow in flows { matcher.add(flow) }
            progress.advance(by: flows.count)
        }
        progress.finish()
        let groups = matcher.sortedGroups
        switch output {
        case .json:
            var json = JSONWriter(pretty: true)
            let summary = IngestSummary(
                records: stats.records, parsed: stats.parsed, skipped: stats.skipped, failed: stats.failed,
                skippedByReason: Dictionary(uniqueKeysWithValues: stats.skippedByReason.map { ($0.key.code, $0.value) }),
                failures: stats.failures.map(\.description))
            AuditReport.write(groups, attempts: matcher.attempts, summary: summary, into: &json)
            print(json.text)
        case .table:
            print(
                groups.isEmpty
                    ? "No observed connection changes verdict."
                    : TableText.text(headers: AuditReport.headers, rows: AuditReport.rows(groups)))
            StandardError.print(stats.description)
        case .markdown:
            print(TableText.markdown(headers: AuditReport.headers, rows: AuditReport.rows(groups)))
            StandardError.print(stats.description)
        }
        if failOnDeny, matcher.breaksSomething {
            throw CheckFailed(message: "audit: the proposed policies would break observed connections (--fail-on-deny)")
        }
    }
}
