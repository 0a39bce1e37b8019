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

    @Option(
        help: "The policy dialect: auto infers it from the snapshot (Cilium objects ⇒ cilium, Calico objects ⇒ calico, else kubernetes).")
    var cni: CNI = .auto

    @Option(help: "Cilium's policy enforcement mode (with --cni cilium).")
    var policyEnforcement: CiliumEnforcementArgument = .default

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("Missing --cluster: give at least one snapshot file or directory.") }
        if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("--cluster - (stdin) can be given only once.") }
    }

    /// Loads the snapshot, telling on stderr what was skipped and why.
    func load() throws(InputError) -> LoadedCluster {
        let loaded = try ClusterLoader.load(paths: paths)
        // The YAML parser's node trees are garbage now: free their pages before traffic is read.
        MemoryTuning.releaseFreedMemory()
        return loaded
    }

    /// The engine options for a loaded snapshot: `--cni auto` picks Cilium when the snapshot has
    /// Cilium policies, Calico when it has Calico objects (DESIGN.md §4).
    /// - Throws: `ValidationError` when the snapshot mixes Cilium and Calico objects under `auto`.
    func engineOptions(for cluster: ClusterState) throws -> EngineOptions {
        let hasCilium = !cluster.ciliumPolicies.isEmpty
        let hasCalico = !cluster.calicoPolicies.isEmpty || !cluster.calicoTiers.isEmpty || !cluster.stagedKubernetesPolicies.isEmpty
        let dialect: EngineOptions.Dialect
        switch cni {
        case .cilium: dialect = .cilium
        case .calico: dialect = .calico
        case .kubernetes: dialect = .kubernetes
        case .auto:
            if hasCilium && hasCalico {
                throw ValidationError(
                    "The snapshot mixes Cilium and Calico policies; a cluster runs one CNI: choose with --cni cilium or --cni calico.")
            }
            dialect = hasCilium ? .cilium : hasCalico ? .calico : .kubernetes
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
