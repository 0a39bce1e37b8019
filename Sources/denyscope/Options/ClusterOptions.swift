import ArgumentParser
import ClusterLoader
import DenyscopeCore

/// `--cluster PATH...` and `--cni`: where the snapshot comes from and which dialect decides.
struct ClusterOptions: ParsableArguments {
    @Option(
        name: .customLong("cluster"),
        help: ArgumentHelp(
            "A cluster snapshot: a file or directory of YAML/JSON manifests or `kubectl get … -o yaml|json` output, or - for stdin. Repeatable.",
            valueName: "path"))
    var paths: [String] = []

    @Option(help: "The policy dialect: auto infers it from the snapshot.")
    var cni: CNI = .auto

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("Missing --cluster: give at least one snapshot file or directory.") }
        if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("--cluster - (stdin) can be given only once.") }
        if cni == .cilium || cni == .calico {
            throw ValidationError("--cni \(cni.rawValue) is not supported yet: this version evaluates Kubernetes NetworkPolicy only.")
        }
    }

    /// Loads the snapshot, telling on stderr what was skipped and why.
    func load() throws(InputError) -> LoadedCluster {
        let loaded = try ClusterLoader.load(paths: paths)
        let dialectObjects = loaded.report.skipped.filter { $0.key.contains("cilium.io") || $0.key.contains("projectcalico.org") }
        if !dialectObjects.isEmpty {
            let names = dialectObjects.keys.sorted().joined(separator: ", ")
            StandardError.print("warning: not evaluated (Cilium and Calico policies are not supported yet): \(names)")
        }
        return loaded
    }
}

/// The `--cni` values of the command-line contract.
enum CNI: String, ExpressibleByArgument, CaseIterable {
    case auto, kubernetes, cilium, calico
}
