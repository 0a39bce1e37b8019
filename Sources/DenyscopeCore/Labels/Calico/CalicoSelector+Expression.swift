extension CalicoSelector {
    /// The syntax tree of a Calico selector.
    ///
    /// Values built by the parser keep these invariants: set values are sorted by their UTF-8 bytes and free of
    /// duplicates, `.not` never wraps another `.not`, and `.and`/`.or` hold at least two operands.
    public indirect enum Expression: Hashable, Sendable {
        /// `all()`: every resource in scope.
        case all
        /// `global()`: see ``CalicoSelector/matches(_:)`` and ``CalicoSelector/matchesNamespace(_:)``.
        case global
        /// `has(k)`: the label exists, whatever its value.
        case has(key: String)
        /// `k == 'v'`: the label exists with exactly this value.
        case equals(key: String, value: String)
        /// `k != 'v'`: the label is absent, or present with another value.
        case notEquals(key: String, value: String)
        /// `k in {'a', 'b'}`: the label exists and its value is one of these.
        case `in`(key: String, values: [String])
        /// `k not in {'a', 'b'}`: the label is absent, or its value is none of these.
        case notIn(key: String, values: [String])
        /// `k contains 's'`: the label exists and its value contains these bytes.
        case contains(key: String, substring: String)
        /// `k starts with 's'`: the label exists and its value begins with these bytes.
        case startsWith(key: String, prefix: String)
        /// `k ends with 's'`: the label exists and its value ends with these bytes.
        case endsWith(key: String, suffix: String)
        /// `!e`.
        case not(Expression)
        /// `a && b && …`, in the order written.
        case and([Expression])
        /// `a || b || …`, in the order written.
        case or([Expression])
    }
}

extension CalicoSelector.Expression {
    /// `!self`, cancelling a negation instead of stacking a second one.
    var negated: Self {
        if case .not(let operand) = self { return operand }
        return .not(self)
    }

    /// The values of an `in`/`not in` set as Calico stores them: sorted by UTF-8 bytes, duplicates removed.
    static func normalizedSet(_ values: [String]) -> [String] {
        let sorted = values.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var unique: [String] = []
        unique.reserveCapacity(sorted.count)
        for value in sorted where !(unique.last.map { $0.utf8.elementsEqual(value.utf8) } ?? false) {
            unique.append(value)
        }
        return unique
    }
}
