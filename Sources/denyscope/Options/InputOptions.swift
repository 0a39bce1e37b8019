import ArgumentParser
import FlowIngest

/// The traffic inputs of `flows`, `triage` and `audit`, and how to read them.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Input files or directories, or - for stdin.", valueName: "input"))
    var inputs: [String] = []

    @Option(help: "The input format; sniffed from the first bytes when omitted.")
    var inputFormat: InputFormatArgument?

    @Option(
        help: ArgumentHelp(
            "The cluster's Calico logPrefix (e.g. 'calico-%t-%k-%n-%p'), to read policy names back from LOG lines.",
            valueName: "template"))
    var calicoLogPrefix: String?

    @Option(help: ArgumentHelp("A BPF expression applied to packet captures (as tcpdump takes it).", valueName: "expression"))
    var filter: String?

    @Flag(help: "Stop at the first record that cannot be read (exit code 2).")
    var strict = false

    func validate() throws {
        guard !inputs.isEmpty else { throw ValidationError("Give at least one input file, directory, or - for stdin.") }
    }

    /// A reader for the inputs.
    var reader: FlowReader {
        var options = IngestOptions(format: inputFormat?.format, strict: strict)
        options.calicoLogPrefix = calicoLogPrefix
        options.filter = filter
        return FlowReader(options: options)
    }
}

/// `--input-format` values, as DESIGN.md §4 names them.
enum InputFormatArgument: String, ExpressibleByArgument, CaseIterable {
    case hubble
    case calicoLog = "calico-log"
    case calicoFlowlog = "calico-flowlog"
    case pcap

    var format: InputFormat {
        switch self {
        case .hubble: return .hubble
        case .calicoLog: return .calicoLog
        case .calicoFlowlog: return .calicoFlowLog
        case .pcap: return .pcap
        }
    }
}
