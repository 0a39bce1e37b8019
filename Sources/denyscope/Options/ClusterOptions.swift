import ArgumentParser
import ClusterLoader
import DenyscopeCore
import PolicyEngine

/// `--cluster PATH...` and `--cni`: where the snapshot comes from and which dialect decides.
struct ClusterOptions: ParsableArguments {
    @Option(
        name: .customLong("cluster"),
        help: ArgumentHelp(
            "A cluster snapshot: a file or directory of YAML/JSON manifests or `kubectl get … -o yaml|json` output, or - for stdin. Repeatable.",
            valueName: "path"))
    var paths: [String] = []

    @Option(help: "The policy dialect: auto infers it from the snapshot (Cilium objects ⇒ cilium, else kubernetes).")
    var cni: CNI = .auto

    @Option(help: "Cilium's policy enforcement mode (with --cni cilium).")
    var policyEnforcement: CiliumEnforcementArgument = .default

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("Missing --cluster: give at least one snapshot file or directory.") }
        if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("--cluster - (stdin) can be given only once.") }
        if cni == .calico {
            throw ValidationError("--cni calico is not supported yet: this version evaluates Kubernetes NetworkPolicy and Cilium policies.")
        }
    }

    /// Loads the snapshot, telling on stderr what was skipped and why.
    func load() throws(InputError) -> LoadedCluster {
        let loaded = try ClusterLoader.load(paths: paths)
        let calicoObjects = loaded.report.skipped.filter { $0.key.contains("projectcalico.org") }
        if !calicoObjects.isEmpty {
            let names = calicoObjects.keys.sorted().joined(separator: ", ")
            StandardError.print("warning: not evaluated (Calico policies are not supported yet): \(names)")
        }
        return loaded
    }

    /// The engine options for a loaded snapshot: `--cni auto` picks Cilium when the snapshot has
    /// Cilium policies (DESIGN.md §4).
    func engineOptions(for cluster: ClusterState) -> EngineOptions {
        let dialect: EngineOptions.Dialect
        switch cni {
        case .cilium: dialect = .cilium
        case .kubernetes, .calico: dialect = .kubernetes
        case .auto: dialect = cluster.ciliumPolicies.isEmpty ? .kubernetes : .cilium
        }
        return EngineOptions(dialect: dialect, ciliumEnforcement: policyEnforcement.mode)
    }
}

/// `--policy-enforcement` values: Cilium's `policyEnforcementMode`.
enum CiliumEnforcementArgument: String, ExpressibleByArgument, CaseIterable {
    case `default`, always, never

    var mode: CiliumEnforcement {
        switch self {
        case .default: return .default
        case .always: return .always
        case .never: return .never
        }
    }
}

/// The `--cni` values of the command-line contract.
enum CNI: String, ExpressibleByArgument, CaseIterable {
    case auto, kubernetes, cilium, calico
}
