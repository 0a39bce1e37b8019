import ArgumentParser
import DenyscopeCore
import Foundation
import PolicyEngine
import Reports

/// `denyscope explain`: is this connection allowed, which policy decides, what almost matched.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Decide a connection: verdict, deciding side and policy, and near misses.",
        discussion: """
            Give one connection with --from/--to/--port, or many with --batch (JSON lines such as
            {"from":"shop/frontend","to":"shop/web","port":80,"protocol":"TCP"}; one JSON answer per line).
            An endpoint is namespace/pod (or namespace/workload), an IP address, or world.
            """)

    @OptionGroup(title: "Cluster") var cluster: ClusterOptions

    @Option(help: ArgumentHelp("The source: namespace/pod, namespace/workload, an IP address, or world.", valueName: "endpoint"))
    var from: String?

    @Option(help: ArgumentHelp("The destination, in the same forms as --from.", valueName: "endpoint"))
    var to: String?

    @Option(help: "The destination port (TCP, UDP, SCTP).")
    var port: Int?

    @Option(name: .customLong("protocol"), help: "TCP, UDP, SCTP, ICMP or ICMPv6.")
    var protocolName: String = "TCP"

    @Option(help: "The ICMP type, for ICMP queries.")
    var icmpType: Int?

    @Option(help: "The ICMP code, for ICMP queries.")
    var icmpCode: Int?

    @Option(help: ArgumentHelp("Read queries as JSON lines from a file, or - for stdin.", valueName: "file"))
    var batch: String?

    @Option(help: "text or json (--batch always writes JSON lines).")
    var output: ExplainOutput = .text

    @Flag(help: "With --batch, stop at the first query that cannot be answered (exit code 2).")
    var strict = false

    func validate() throws {
        if batch != nil {
            if from != nil || to != nil || port != nil || icmpType != nil || icmpCode != nil {
                throw ValidationError("--batch reads every query from its input; do not combine it with --from, --to, --port or --icmp-*.")
            }
            return
        }
        guard from != nil, to != nil else {
            throw ValidationError("Give --from and --to (and --port for TCP, UDP or SCTP), or --batch FILE.")
        }
    }

    func run() throws {
        let loaded = try cluster.load()
        let engine = PolicyEngine(cluster: loaded.state, options: try cluster.engineOptions(for: loaded.state))
        if let batch {
            try runBatch(batch, engine: engine)
            return
        }
        let query = ExplainQuery(from: from ?? "", to: to ?? "", port: port, protocol: protocolName, icmpType: icmpType, icmpCode: icmpCode)
        let connection: Connection
        do {
            connection = try query.connection(in: engine)
        } catch let invalid as ExplainQuery.Invalid {
            throw ValidationError(invalid.description)
        }
        let decision = engine.evaluate(connection)
        switch output {
        case .text:
            print(ExplainText.render(connection, decision))
        case .json:
            var json = JSONWriter(pretty: true)
            ExplainReport.write(from: query.from, to: query.to, connection: connection, decision: decision, into: &json)
            print(json.text)
        }
    }

    private func runBatch(_ path: String, engine: PolicyEngine) throws {
        let handle: FileHandle
        if path == "-" {
            handle = .standardInput
        } else {
            guard let opened = FileHandle(forReadingAtPath: path) else {
                throw InputError(.unreadable, "cannot open file", at: InputLocation(file: path))
            }
            handle = opened
        }
        let explainer = BatchExplainer(engine: engine, strict: strict, inputName: path == "-" ? "<stdin>" : path)
        var pending = Data()
        let summary = try explainer.run(lines: LineReader(handle: handle)) { line in
            pending.append(line)
            if pending.count >= 1 << 16 {
                FileHandle.standardOutput.write(pending)
                pending.removeAll(keepingCapacity: true)
            }
        }
        FileHandle.standardOutput.write(pending)
        var text = "explained \(summary.answered) queries (\(summary.denied) denied), \(summary.failed) failed"
        if let first = summary.firstFailure { text += "; first failure: \(first)" }
        StandardError.print(text)
    }
}

/// `explain --output` values.
enum ExplainOutput: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
