import Foundation

/// np-guard/netpol-analyzer's `list --explain` output, reduced to what denyscope also reports: for
/// each peer pair and direction, the verdict, the policies (with 0-based rule indexes for allowing
/// rules and rules whose peer matched but port did not), and the policies with no rules.
struct NPGuardExplanation {
    struct Side: Equatable, CustomStringConvertible {
        var systemDefault = false
        var allowing: Set<String> = []
        var isolating: Set<String> = []
        var withoutRules: Set<String> = []
        var portMismatches: Set<String> = []

        var description: String {
            "default \(systemDefault) allowing \(allowing.sorted()) isolating \(isolating.sorted()) "
                + "withoutRules \(withoutRules.sorted()) portMismatches \(portMismatches.sorted())"
        }
    }

    struct Pair: Hashable {
        let source: String
        let destination: String
    }

    private(set) var sides: [Pair: [String: Side]] = [:]

    init(text: String) {
        var pair: Pair?
        var direction: String?
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("Connections between ") {
                let ends = line.dropFirst("Connections between ".count).dropLast().components(separatedBy: " => ")
                pair = ends.count == 2 ? Pair(source: ends[0], destination: ends[1]) : nil
            } else if let pair, let match = ["Egress", "Ingress"].first(where: { line.hasPrefix($0 + " (") }) {
                direction = match
                sides[pair, default: [:]][match, default: Side()].systemDefault = line.hasSuffix("(Allow all)")
            } else if let pair, let direction, line.contains("NetworkPolicy '") {
                let quoted = line.split(separator: "'", omittingEmptySubsequences: false)
                guard quoted.count >= 3 else { continue }
                let name = String(quoted[1])
                var side = sides[pair, default: [:]][direction, default: Side()]
                if let rule = Self.ruleNumber(in: line) {
                    if line.contains("allows connections") { side.allowing.insert("\(name)#\(rule - 1)") }
                    if line.contains("do not match") { side.portMismatches.insert("\(name)#\(rule - 1)") }
                }
                if line.contains(" selects ") { side.isolating.insert(name) }
                if line.hasSuffix("(no rules defined)") { side.withoutRules.insert(name) }
                sides[pair, default: [:]][direction] = side
            }
        }
    }

    private static func ruleNumber(in line: String) -> Int? {
        guard let marker = line.range(of: "rule #") else { return nil }
        return Int(line[marker.upperBound...].prefix { $0.isNumber })
    }
}
