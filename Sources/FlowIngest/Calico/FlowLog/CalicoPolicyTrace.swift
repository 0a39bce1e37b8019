import DenyscopeCore

/// One entry of a Calico policy trace, from an Enterprise flow-log string
/// (`idx|tier|name|action|rule`, three generations) or a Goldmane `PolicyHit` object
/// (reference/calico-logs.md §5.2, §6.2, §7).
struct CalicoPolicyTrace: Hashable {
    /// The order in which the entry was hit (`policyIndex`).
    var index: Int
    var tier: String
    /// The contract's kind name; `nil` for an end-of-tier entry that names no policy.
    var kind: String?
    var namespace: String?
    /// Empty for an end-of-tier entry that names no policy (`__NO_MATCH__`).
    var name: String
    var action: ObservedPolicy.Action
    /// ≥ 0 the rule's index; `nil` unknown (`-2`, 4-field strings) or end of tier.
    var rule: Int?
    var isEndOfTier: Bool

    init(
        index: Int, tier: String, kind: String?, namespace: String?, name: String, action: ObservedPolicy.Action, rule: Int?,
        isEndOfTier: Bool
    ) {
        self.index = index
        self.tier = tier
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.action = action
        self.rule = rule
        self.isEndOfTier = isEndOfTier
    }

    /// The entry as an `ObservedPolicy` of `direction`.
    func observed(direction: Direction, pending: Bool) -> ObservedPolicy {
        var policy = ObservedPolicy(
            direction: direction, effect: action == .deny ? .denied : .allowed, kind: kind, namespace: namespace, name: name)
        policy.tier = tier
        policy.rule = rule
        policy.isEndOfTier = isEndOfTier
        policy.isPending = pending || CalicoPolicyKinds.isStaged(kind)
        policy.action = action
        return policy
    }

    /// Parses a trace string of any generation:
    /// - G3 (OSS v3.32+): `0|tier|np:ns/name|deny|0`, kinds `gnp np knp snp sgnp sknp kcnp pro eot`;
    /// - G2 (Enterprise, OSS ≤ v3.31): `0|tier|ns/tier.name|deny|0`, `ns/knp.default.name`,
    ///   `tier.staged:name`, `__PROFILE__.kns.ns`, `kanp.adminnetworkpolicy.name`, …;
    /// - G1 (old Enterprise): four fields, no rule index (unknown).
    ///
    /// Rule `-1` is the end of the tier, `-2` unknown. Tiers must be DNS labels or `__PROFILE__`,
    /// names and namespaces DNS subdomains (as Goldmane validates them).
    ///
    /// - Throws: `CalicoRecordError` with what is wrong.
    init(string text: String) throws(CalicoRecordError) {
        let fields = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 4 || fields.count == 5 else {
            throw CalicoRecordError(.invalidValue, "policy trace \"\(text)\": expected 4 or 5 |-separated fields, got \(fields.count)")
        }
        func bad(_ what: String) -> CalicoRecordError { CalicoRecordError(.invalidValue, "policy trace \"\(text)\": \(what)") }
        guard let index = Int(fields[0]), index >= 0 else { throw bad("invalid policy index \"\(fields[0])\"") }
        self.index = index
        tier = fields[1]
        guard Self.isTier(tier) else { throw bad("invalid tier \"\(tier)\"") }
        switch fields[3] {
        case "allow": action = .allow
        case "deny": action = .deny
        case "pass", "next-tier": action = .pass
        default: throw bad("unknown action \"\(fields[3])\"")
        }
        rule = nil
        isEndOfTier = false
        if fields.count == 5 {
            guard let number = Int(fields[4]), number >= -2 else { throw bad("invalid rule index \"\(fields[4])\"") }
            if number >= 0 { rule = number }
            isEndOfTier = number == -1
        }
        kind = nil
        namespace = nil
        name = ""
        let namePart = fields[2]
        if namePart == "__NO_MATCH__" || namePart == "eot:__NO_MATCH__" {
            isEndOfTier = true
        } else if let colon = namePart.firstIndex(of: ":"), let kind = CalicoPolicyKinds.kind(short: String(namePart[..<colon])) {
            try readG3(kind: kind, short: String(namePart[..<colon]), rest: String(namePart[namePart.index(after: colon)...]))
        } else {
            readG2(namePart)
        }
        if let namespace, !Self.isSubdomain(namespace) { throw bad("invalid namespace \"\(namespace)\"") }
        if !(isEndOfTier && name.isEmpty), !Self.isSubdomain(name) { throw bad("invalid policy name \"\(name)\"") }
    }

    private mutating func readG3(kind: String, short: String, rest: String) throws(CalicoRecordError) {
        self.kind = kind
        if CalicoPolicyKinds.isNamespaced(short: short) {
            let parts = rest.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                throw CalicoRecordError(.invalidValue, "policy trace name \"\(short):\(rest)\": expected <namespace>/<name>")
            }
            namespace = String(parts[0])
            name = String(parts[1])
        } else {
            name = rest
        }
    }

    private mutating func readG2(_ namePart: String) {
        let parts = namePart.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let defaultPrefix = tier + "."
        if parts.count == 2 {
            namespace = String(parts[0])
            let rest = String(parts[1])
            if rest.hasPrefix("staged:knp.default.") {
                kind = "StagedKubernetesNetworkPolicy"
                name = String(rest.dropFirst("staged:knp.default.".count))
            } else if rest.hasPrefix("knp.default.") {
                kind = "NetworkPolicy"
                name = String(rest.dropFirst("knp.default.".count))
            } else if let staged = rest.range(of: "staged:") {
                kind = "StagedNetworkPolicy"
                name = String(rest[staged.upperBound...])
            } else {
                kind = "CalicoNetworkPolicy"
                name = tier == "default" && rest.hasPrefix(defaultPrefix) ? String(rest.dropFirst(defaultPrefix.count)) : rest
            }
            return
        }
        if let staged = namePart.range(of: "staged:") {
            kind = "StagedGlobalNetworkPolicy"
            name = String(namePart[staged.upperBound...])
        } else if namePart.hasPrefix("kanp.adminnetworkpolicy.") {
            kind = "AdminNetworkPolicy"
            name = String(namePart.dropFirst("kanp.adminnetworkpolicy.".count))
        } else if namePart.hasPrefix("kbanp.baselineadminnetworkpolicy.") {
            kind = "BaselineAdminNetworkPolicy"
            name = String(namePart.dropFirst("kbanp.baselineadminnetworkpolicy.".count))
        } else if namePart.hasPrefix("__PROFILE__.") {
            kind = "Profile"
            name = String(namePart.dropFirst("__PROFILE__.".count))
        } else {
            kind = "GlobalNetworkPolicy"
            name = tier == "default" && namePart.hasPrefix(defaultPrefix) ? String(namePart.dropFirst(defaultPrefix.count)) : namePart
        }
    }

    /// A DNS-1123 label or `__PROFILE__`.
    static func isTier(_ text: String) -> Bool {
        if text == "__PROFILE__" { return true }
        let bytes = Array(text.utf8)
        guard let first = bytes.first, let last = bytes.last, bytes.count <= 63, isLowerAlphanumeric(first), isLowerAlphanumeric(last)
        else { return false }
        return bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    /// A DNS-1123 subdomain.
    static func isSubdomain(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, let last = bytes.last, bytes.count <= 253, isLowerAlphanumeric(first), isLowerAlphanumeric(last)
        else { return false }
        return bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
