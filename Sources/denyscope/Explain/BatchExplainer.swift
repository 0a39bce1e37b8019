import DenyscopeCore
import Foundation
import PolicyEngine
import Reports

/// `explain --batch`: JSON lines in, one JSON object per line out, in input order.
///
/// A line that cannot be answered yields `{"line":N,"error":"…"}` in its place and the run goes
/// on, unless `strict`. The engine is pure, so answers to repeated queries (common when the queries
/// come from traffic) are reused, up to a bounded number.
struct BatchExplainer {
    let engine: PolicyEngine
    let strict: Bool
    let inputName: String

    private static let cacheLimit = 10_000

    struct Summary {
        var answered = 0
        var denied = 0
        var failed = 0
        var firstFailure: String?
    }

    func run(lines: LineReader, write: (Data) -> Void) throws -> Summary {
        let decoder = JSONDecoder()
        var cache: [ExplainQuery: (Data, Verdict)] = [:]
        var summary = Summary()
        var lineNumber = 0
        while let line = try lines.next() {
            lineNumber += 1
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }) { continue }
            do {
                let query = try decodeQuery(line, decoder: decoder)
                let answer: (Data, Verdict)
                if let cached = cache[query] {
                    answer = cached
                } else {
                    let connection = try query.connection(in: engine)
                    let decision = engine.evaluate(connection)
                    var json = JSONWriter()
                    ExplainReport.write(from: query.from, to: query.to, connection: connection, decision: decision, into: &json)
                    answer = (Data(json.bytes), decision.verdict)
                    if cache.count < Self.cacheLimit { cache[query] = answer }
                }
                summary.answered += 1
                if answer.1 == .denied { summary.denied += 1 }
                write(answer.0 + Data([UInt8(ascii: "\n")]))
            } catch {
                let message = "\(error)"
                if strict {
                    throw InputError(.invalidValue, message, at: InputLocation(file: inputName, line: lineNumber))
                }
                summary.failed += 1
                if summary.firstFailure == nil { summary.firstFailure = "\(inputName):\(lineNumber): \(message)" }
                var json = JSONWriter()
                json.object { json in
                    json.field("line", lineNumber)
                    json.field("error", message)
                }
                write(Data(json.bytes) + Data([UInt8(ascii: "\n")]))
            }
        }
        return summary
    }

    private func decodeQuery(_ line: Data, decoder: JSONDecoder) throws -> ExplainQuery {
        do {
            return try decoder.decode(ExplainQuery.self, from: line)
        } catch let DecodingError.keyNotFound(key, _) {
            throw ExplainQuery.Invalid(description: "missing field \"\(key.stringValue)\"")
        } catch let DecodingError.typeMismatch(_, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw ExplainQuery.Invalid(description: "field \"\(field)\": \(context.debugDescription)")
        } catch {
            throw ExplainQuery.Invalid(description: "not a JSON object")
        }
    }
}
