import DenyscopeCore
import Foundation
import Matcher

/// The terminal table and the Markdown table of `triage`: one row per group, most attempts first,
/// with the deciding side, reason, policy and the top near miss.
public enum TriageTable {
    static let headers = ["COUNT", "SOURCE", "DESTINATION", "SERVICE", "SIDE", "REASON", "POLICY", "AGREEMENT", "TOP NEAR MISS"]

    public static func rows(_ groups: [FlowGroup]) -> [[String]] {
        groups.map { group in
            let decision = group.key.decision
            let deciding = TriageReport.deciding(decision)
            var service = group.key.protocol?.rawValue ?? "?"
            if let port = group.key.port { service += group.key.protocol?.hasPorts == true ? "/\(port)" : " type \(port)" }
            let policy =
                deciding?.policies.first.map { reference -> String in
                    var text = reference.qualifiedName
                    if let rule = reference.rule { text += " #\(rule)" }
                    if let tier = deciding?.tier { text += " (tier \(tier))" }
                    return text
                } ?? "-"
            let nearMiss = group.nearMisses.first.map(ExplainText.describe) ?? "-"
            return [
                String(group.count), group.key.source, group.key.destination, service, TriageReport.side(decision) ?? "-",
                deciding?.reason.rawValue ?? "-", policy,
                group.key.agreement.rawValue + (group.attribution == .differs ? " (record names another policy)" : ""), nearMiss,
            ]
        }
    }

    public static func text(_ groups: [FlowGroup]) -> String { TableText.text(headers: headers, rows: rows(groups)) }

    public static func markdown(_ groups: [FlowGroup]) -> String { TableText.markdown(headers: headers, rows: rows(groups)) }
}

/// Plain-text and Markdown tables.
public enum TableText {
    /// Columns padded to their widest cell, two spaces apart.
    public static func text(headers: [String], rows: [[String]]) -> String {
        let table = [headers] + rows
        let widths = headers.indices.map { column in table.map { $0[column].count }.max() ?? 0 }
        return table.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// A GitHub-flavoured Markdown table; `|` in cells escaped.
    public static func markdown(headers: [String], rows: [[String]]) -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
        }
        return ([line(headers), line(headers.map { _ in "---" })] + rows.map(line)).joined(separator: "\n")
    }
}
