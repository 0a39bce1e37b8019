import DenyscopeCore

/// Decodes a Kubernetes `LabelSelector`: `matchLabels` and `matchExpressions`, validated as the
/// API server does (`In`/`NotIn` need values, `Exists`/`DoesNotExist` must have none).
enum LabelSelectorDecoder {
    static func decode(_ field: Field) throws(InputError) -> LabelSelector {
        for (key, value) in try field.entries() where key != "matchLabels" && key != "matchExpressions" {
            throw value.error(.invalidField, "unknown field in a label selector (expected matchLabels or matchExpressions)")
        }
        let matchLabels = try field.optional("matchLabels")?.stringMap() ?? [:]
        var expressions: [LabelRequirement] = []
        for expression in try field.optional("matchExpressions")?.list() ?? [] {
            let key = try expression.required("key").string()
            let operatorField = try expression.required("operator")
            let values = try expression.optional("values")?.list().map { (value) throws(InputError) in try value.text() } ?? []
            let op: LabelRequirement.Operator
            switch try operatorField.string() {
            case "In": op = .in(values)
            case "NotIn": op = .notIn(values)
            case "Exists": op = .exists
            case "DoesNotExist": op = .doesNotExist
            case let other:
                throw operatorField.error(.invalidValue, "unknown operator \"\(other)\" (expected In, NotIn, Exists or DoesNotExist)")
            }
            switch op {
            case .in, .notIn:
                if values.isEmpty {
                    throw expression.error(.invalidValue, "operator \(try operatorField.string()) needs at least one value")
                }
            case .exists, .doesNotExist:
                if !values.isEmpty { throw expression.error(.invalidValue, "operator \(try operatorField.string()) takes no values") }
            case .equals:
                break
            }
            expressions.append(LabelRequirement(key: key, operator: op))
        }
        return LabelSelector(matchLabels: matchLabels, matchExpressions: expressions)
    }
}
