import ArgumentParser
import ClusterLoader
import DenyscopeCore
import FlowIngest
import Foundation
import PolicyEngine
import Reports

/// `denyscope flows`: prints the normalized records of any input format, and what was read.
struct FlowsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flows",
        abstract: "Print the records denyscope reads from traffic inputs, normalized, with the accounting on stderr.",
        discussion: """
            One JSON object per connection attempt or flow record (--output jsonl) or one line each
            (--output table). With --cluster, endpoints known only by address are resolved to pods,
            workloads and nodes.
            """)

    @OptionGroup(title: "Input") var input: InputOptions

    @Option(
        name: .customLong("cluster"),
        help: ArgumentHelp("A cluster snapshot to resolve addresses with (repeatable).", valueName: "path"))
    var clusterPaths: [String] = []

    @Option(help: "jsonl or table.")
    var output: FlowsOutput = .jsonl

    func run() throws {
        let resolver = try clusterPaths.isEmpty ? nil : PolicyEngine(cluster: ClusterLoader.load(paths: clusterPaths).state)
        var buffer = Data()
        let stats = try input.reader.read(input.inputs) { flows in
            for var flow in flows {
                if let resolver { Self.resolve(&flow, with: resolver) }
                switch output {
                case .jsonl:
                    var json = JSONWriter()
                    FlowReport.write(flow, into: &json)
                    buffer.append(contentsOf: json.bytes)
                case .table:
                    buffer.append(contentsOf: FlowReport.tableRow(flow).utf8)
                }
                buffer.append(UInt8(ascii: "\n"))
            }
            if buffer.count >= 1 << 16 {
                FileHandle.standardOutput.write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        FileHandle.standardOutput.write(buffer)
        StandardError.print(stats.description)
        for failure in stats.failures.prefix(5) { StandardError.print("  failed: \(failure)") }
        if stats.failed > 5 { StandardError.print("  … and \(stats.failed - 5) more failures") }
    }

    /// Fills in what the snapshot knows about an endpoint the record names only by address.
    static func resolve(_ flow: inout Flow, with engine: PolicyEngine) {
        for keyPath in [\Flow.source, \Flow.destination] {
            let endpoint = flow[keyPath: keyPath]
            guard endpoint.pod == nil, let ip = endpoint.ip, let resolved = try? engine.resolve(.ip(ip)) else { continue }
            flow[keyPath: keyPath] = resolved.endpoint
        }
    }
}

/// `flows --output` values.
enum FlowsOutput: String, ExpressibleByArgument, CaseIterable {
    case jsonl, table
}
