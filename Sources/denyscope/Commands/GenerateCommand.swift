import ArgumentParser
import Foundation

/// `denyscope generate`: writes a synthetic cluster snapshot and traffic whose denials follow
/// from its policies, for benchmarks and for trying denyscope at scale.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic cluster snapshot and a traffic file whose verdicts follow from its policies.",
        discussion: """
            Writes DIR/cluster.yaml (namespaces, nodes, Deployments, ReplicaSets, Services, pods and
            policies: a default deny per namespace, then allow rules between applications, and deny
            rules in the cilium and calico dialects) and DIR/flows.jsonl, flows.log or flows.pcap.
            Every attempt's verdict is the engine's decision on the written snapshot, so triage of the
            output confirms every denial. The same options and seed give byte-identical files.
            """)

    @Option(help: "How many pods (1 to 1000000).")
    var pods: Int

    @Option(help: "How many policies (a default deny per namespace first, then rules between applications).")
    var policies: Int

    @Option(help: "How many connection attempts.")
    var flows: Int

    @Option(
        help: ArgumentHelp(
            "Draw the attempts from this many connections (source pod, destination pod, port) picked once, as services that talk repeatedly do (default: every attempt picks anew).",
            valueName: "n"))
    var connections: Int?

    @Option(help: "The traffic file's format.")
    var format: InputFormatArgument

    @Option(help: "The policy dialect (default: cilium for hubble, calico for calico-log and calico-flowlog, kubernetes for pcap).")
    var dialect: GenerateDialect?

    @Option(help: "The random seed; the same seed gives the same files.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("The directory to write into (created if missing).", valueName: "dir"))
    var out: String

    func validate() throws {
        for (name, value) in [("--pods", pods), ("--policies", policies), ("--flows", flows)] where value < 1 {
            throw ValidationError("\(name) must be at least 1, not \(value).")
        }
        if let connections, connections < 1 { throw ValidationError("--connections must be at least 1, not \(connections).") }
        if pods > SyntheticCluster.maximumPods {
            throw ValidationError("--pods must be at most \(SyntheticCluster.maximumPods), not \(pods).")
        }
        if format == .hubble && dialect == .calico {
            throw ValidationError("--format hubble comes from Cilium: use --dialect cilium or kubernetes, not calico.")
        }
        if (format == .calicoLog || format == .calicoFlowlog) && dialect == .cilium {
            throw ValidationError("--format \(format.rawValue) comes from Calico: use --dialect calico or kubernetes, not cilium.")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw ValidationError("--out \"\(out)\" exists and is not a directory.") }
            guard FileManager.default.isWritableFile(atPath: out) else { throw ValidationError("--out \"\(out)\" is not writable.") }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            } catch {
                throw ValidationError("--out \"\(out)\" cannot be created: \(error.localizedDescription)")
            }
        }
    }

    func run() throws {
        let generator = Generator(
            pods: pods, policies: policies, flows: flows, connections: connections, format: format,
            dialect: dialect ?? format.defaultDialect, seed: seed)
        let summary: Generator.Summary
        do {
            summary = try generator.run(into: out)
        } catch let error as GenerateError {
            StandardError.print("error: \(error)")
            throw ExitCode(ExitStatus.failure)
        }
        print(
            "Wrote \(summary.files.joined(separator: ", ")): \(summary.pods) pods, \(summary.policies) policies, "
                + "\(summary.flows) flows (\(summary.denied) denied).")
    }
}
