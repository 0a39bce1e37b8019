extension CalicoSelector {
    /// Whether a resource with these labels matches, evaluated as Calico evaluates a selector.
    ///
    /// Label values are compared byte for byte, as Calico compares Go strings. When the label is absent, `==`,
    /// `in`, `has`, `contains`, `starts with` and `ends with` are false, while `!=` and `not in` are **true**
    /// ("Matches resources without label 'k' or with label 'k' and value not equal to v",
    /// `reference/calico-policy.md` §4.1). `all()` is true.
    ///
    /// `global()` is also true here, as in Calico's evaluator (`GlobalNode.Evaluate`). It only has a meaning of
    /// its own in a rule's `namespaceSelector`, where Felix rewrites it; evaluate such selectors with
    /// ``matchesNamespace(_:)`` instead.
    ///
    /// - Complexity: O(size of the selector × length of the label values).
    public func matches(_ labels: LabelSet) -> Bool {
        expression.evaluate(labels, allMatches: true, globalMatches: true)
    }

    /// Whether an EntityRule `namespaceSelector` selects a resource, given the labels of its namespace.
    ///
    /// Pass the namespace's labels for a namespaced resource (a pod's workload endpoint, a NetworkSet), or `nil`
    /// for a non-namespaced one (a host endpoint, a GlobalNetworkSet). This is what Felix computes after
    /// rewriting the rule (`updateprocessors/rules.go`, `reference/calico-policy.md` §4, §4.2): every label `k`
    /// becomes `pcns.k`, present only on resources in a namespace that has `k`; `all()` becomes
    /// `has(projectcalico.org/namespace)`, so it matches every namespaced resource and nothing else; `global()`
    /// becomes `!has(projectcalico.org/namespace)`, so it matches only non-namespaced resources. Hence
    /// `global() || all()` matches everything and `global() && all()` nothing.
    ///
    /// An empty `namespaceSelector` field is not `all()` here: Calico treats it as absent (the policy's own
    /// namespace for a NetworkPolicy, every namespace for a GlobalNetworkPolicy), which the caller decides.
    /// A GlobalNetworkPolicy's own `spec.namespaceSelector` is rewritten for `all()` only; Calico's CRD forbids
    /// `global()` everywhere except an EntityRule's `namespaceSelector`.
    ///
    /// - Parameter namespaceLabels: The namespace's labels (including `projectcalico.org/name` and
    ///   `kubernetes.io/metadata.name` when the caller wants those to be selectable), or `nil` for a
    ///   non-namespaced resource.
    public func matchesNamespace(_ namespaceLabels: LabelSet?) -> Bool {
        guard let namespaceLabels else {
            return expression.evaluate(LabelSet(), allMatches: false, globalMatches: true)
        }
        return expression.evaluate(namespaceLabels, allMatches: true, globalMatches: false)
    }
}

extension CalicoSelector.Expression {
    /// Evaluates the tree over `labels`, with the given truth values for `all()` and `global()`.
    func evaluate(_ labels: LabelSet, allMatches: Bool, globalMatches: Bool) -> Bool {
        switch self {
        case .all: return allMatches
        case .global: return globalMatches
        case .has(let key): return labels[key] != nil
        case .equals(let key, let value): return labels[key].map { $0.utf8.elementsEqual(value.utf8) } ?? false
        case .notEquals(let key, let value): return labels[key].map { !$0.utf8.elementsEqual(value.utf8) } ?? true
        case .in(let key, let values): return labels[key].map { Self.set(values, contains: $0) } ?? false
        case .notIn(let key, let values): return labels[key].map { !Self.set(values, contains: $0) } ?? true
        case .contains(let key, let substring): return labels[key].map { Self.bytes(of: $0, contain: substring) } ?? false
        case .startsWith(let key, let prefix): return labels[key].map { $0.utf8.starts(with: prefix.utf8) } ?? false
        case .endsWith(let key, let suffix): return labels[key].map { $0.utf8.reversed().starts(with: suffix.utf8.reversed()) } ?? false
        case .not(let operand): return !operand.evaluate(labels, allMatches: allMatches, globalMatches: globalMatches)
        case .and(let operands): return operands.allSatisfy { $0.evaluate(labels, allMatches: allMatches, globalMatches: globalMatches) }
        case .or(let operands): return operands.contains { $0.evaluate(labels, allMatches: allMatches, globalMatches: globalMatches) }
        }
    }

    private static func set(_ values: [String], contains value: String) -> Bool {
        values.contains { $0.utf8.elementsEqual(value.utf8) }
    }

    /// Whether the UTF-8 bytes of `value` contain those of `substring` (Go's `strings.Contains`).
    private static func bytes(of value: String, contain substring: String) -> Bool {
        let haystack = Array(value.utf8)
        let needle = Array(substring.utf8)
        guard needle.count <= haystack.count else { return false }
        guard !needle.isEmpty else { return true }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return true
        }
        return false
    }
}
