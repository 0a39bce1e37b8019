import DenyscopeCore
import Foundation

/// Reads cluster snapshots (`kubectl get … -o yaml|json`, manifests, directories, stdin) into a
/// `ClusterState`, with errors that name file, line, document and field path.
public enum ClusterLoader {
    /// Loads and merges every path; a later object with the same kind, namespace and name replaces
    /// an earlier one, as a later `kubectl apply` would.
    ///
    /// - Parameters:
    ///   - paths: files, directories (searched recursively for `.yaml`, `.yml`, `.json`), or `-`.
    ///   - readStandardInput: supplies the bytes of `-`.
    /// - Throws: `InputError` for an unreadable path, invalid YAML/JSON, or an invalid object.
    public static func load(
        paths: [String], readStandardInput: () -> Data = { FileHandle.standardInput.readDataToEndOfFile() }
    ) throws(InputError) -> LoadedCluster {
        var builder = ClusterBuilder()
        for manifest in try ManifestSource.texts(for: paths, readStandardInput: readStandardInput) {
            try builder.add(manifest)
        }
        return builder.build()
    }

    /// Loads one text, named `file` in errors (used for embedded scenarios and tests).
    public static func load(text: String, file: String) throws(InputError) -> LoadedCluster {
        var builder = ClusterBuilder()
        try builder.add(ManifestText(name: file, text: text))
        return builder.build()
    }
}

/// A loaded snapshot and what was read to build it.
public struct LoadedCluster: Sendable {
    public let state: ClusterState
    public let report: LoadReport
}

/// What the loader read: objects used, by kind, and objects skipped, by kind and API version.
public struct LoadReport: Hashable, Sendable {
    /// Objects decoded into the state, by kind (`Pod`, `NetworkPolicy`, …).
    public internal(set) var loaded: [String: Int] = [:]
    /// Objects of kinds denyscope does not use, by `Kind (apiVersion)`.
    public internal(set) var skipped: [String: Int] = [:]
    /// Objects replaced by a later object with the same kind, namespace and name.
    public internal(set) var replaced = 0
    /// Pods built from the templates of workloads that had no pod in the snapshot.
    public internal(set) var podsFromTemplates = 0

    /// `12 Pod, 3 NetworkPolicy; skipped 2 ConfigMap (v1)`.
    public var summary: String {
        func list(_ counts: [String: Int]) -> String {
            counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        }
        var text = loaded.isEmpty ? "no objects" : list(loaded)
        if !skipped.isEmpty { text += "; skipped \(list(skipped))" }
        if replaced > 0 { text += "; \(replaced) replaced by a later definition" }
        if podsFromTemplates > 0 { text += "; \(podsFromTemplates) pod\(podsFromTemplates == 1 ? "" : "s") from workload templates" }
        return text
    }
}
