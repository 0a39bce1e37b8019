/// Calico's policy kinds: Felix's short names (reference/calico-logs.md §1.1), Goldmane's
/// `PolicyKind` enum (§6.2) and the contract's kind names (DESIGN.md §4).
enum CalicoPolicyKinds {
    /// The contract's kind name for a Felix short name.
    static func kind(short: String) -> String? {
        switch short {
        case "np": return "CalicoNetworkPolicy"
        case "gnp": return "GlobalNetworkPolicy"
        case "snp": return "StagedNetworkPolicy"
        case "sgnp": return "StagedGlobalNetworkPolicy"
        case "sknp": return "StagedKubernetesNetworkPolicy"
        case "knp": return "NetworkPolicy"
        case "kcnp": return "ClusterNetworkPolicy"
        case "pro": return "Profile"
        default: return nil
        }
    }

    /// The contract's kind name for a Felix short name given as bytes.
    static func kind(short bytes: UnsafeRawBufferPointer) -> String? {
        guard bytes.count <= 4 else { return nil }
        return kind(short: String(decoding: bytes, as: UTF8.self))
    }

    /// Whether a kind is namespaced (its `%p` and trace names carry `namespace/`).
    static func isNamespaced(short: String) -> Bool {
        ["np", "snp", "sknp", "knp"].contains(short)
    }

    /// Whether a kind is staged (never enforced).
    static func isStaged(_ kind: String?) -> Bool {
        kind?.hasPrefix("Staged") == true
    }

    /// Goldmane's `PolicyKind` names, by enum number; 7 and 8 were AdminNetworkPolicy and
    /// BaselineAdminNetworkPolicy in v3.30–v3.31, 11 is ClusterNetworkPolicy since v3.32.
    static let goldmaneNames: [Int: String] = [
        1: "CalicoNetworkPolicy", 2: "GlobalNetworkPolicy", 3: "StagedNetworkPolicy", 4: "StagedGlobalNetworkPolicy",
        5: "StagedKubernetesNetworkPolicy", 6: "NetworkPolicy", 7: "AdminNetworkPolicy", 8: "BaselineAdminNetworkPolicy",
        9: "Profile", 10: "EndOfTier", 11: "ClusterNetworkPolicy",
    ]
}
