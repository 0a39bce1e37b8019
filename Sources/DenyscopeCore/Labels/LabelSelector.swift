/// A Kubernetes label selector: `matchLabels` and `matchExpressions`, all of which must hold.
///
/// An empty selector (`{}`) selects everything; an absent selector is modelled by the caller as
/// `nil`, since what "absent" means depends on the field.
public struct LabelSelector: Hashable, Sendable, CustomStringConvertible {
    /// Every requirement, `matchLabels` first (sorted by key), then `matchExpressions` in order.
    public let requirements: [LabelRequirement]

    public init(matchLabels: [String: String] = [:], matchExpressions: [LabelRequirement] = []) {
        self.requirements =
            matchLabels.sorted { $0.key < $1.key }.map { LabelRequirement(key: $0.key, operator: .equals($0.value)) }
            + matchExpressions
    }

    /// A selector made of these requirements, in this order.
    public init(requirements: [LabelRequirement]) {
        self.requirements = requirements
    }

    /// The selector that selects every object.
    public static let everything = LabelSelector()

    public var selectsEverything: Bool { requirements.isEmpty }

    public func matches(_ labels: LabelSet) -> Bool {
        requirements.allSatisfy { $0.matches(labels) }
    }

    /// The requirements that `labels` fails, in selector order.
    public func failures(_ labels: LabelSet) -> [LabelRequirement] {
        requirements.filter { !$0.matches(labels) }
    }

    /// `{}` for the empty selector, else requirements joined by commas: `app=web,tier in (a,b)`.
    public var description: String {
        requirements.isEmpty ? "{}" : requirements.map(\.description).joined(separator: ",")
    }
}

/// One condition on one label key.
public struct LabelRequirement: Hashable, Sendable, CustomStringConvertible {
    public enum Operator: Hashable, Sendable {
        /// `matchLabels` entry: the label exists with exactly this value.
        case equals(String)
        /// The label exists and its value is one of these.
        case `in`([String])
        /// The label is absent, or its value is none of these.
        case notIn([String])
        case exists
        case doesNotExist
    }

    public let key: String
    public let `operator`: Operator

    public init(key: String, operator: Operator) {
        self.key = key
        self.operator = `operator`
    }

    public func matches(_ labels: LabelSet) -> Bool {
        matches(value: labels[key])
    }

    /// Whether an object whose label `key` has `value` (`nil`: no such label) meets the requirement.
    public func matches(value: String?) -> Bool {
        switch `operator` {
        case .equals(let expected): return value == expected
        case .in(let values): return value.map(values.contains) ?? false
        case .notIn(let values): return value.map { !values.contains($0) } ?? true
        case .exists: return value != nil
        case .doesNotExist: return value == nil
        }
    }

    public var description: String {
        switch `operator` {
        case .equals(let value): return "\(key)=\(value)"
        case .in(let values): return "\(key) in (\(values.joined(separator: ",")))"
        case .notIn(let values): return "\(key) notin (\(values.joined(separator: ",")))"
        case .exists: return key
        case .doesNotExist: return "!\(key)"
        }
    }

    /// How `labels` stands on this requirement's key: `app=webapp`, or `no label app`.
    public func actual(in labels: LabelSet) -> String {
        labels[key].map { "\(key)=\($0)" } ?? "no label \(key)"
    }
}
