// libyaml as the Yams package builds it: its parser's events, without Yams' node tree.
import CYaml

/// Reads the documents of a YAML or JSON text one at a time, from libyaml's events into
/// `YAMLDocument`s. Aliases stand for the node of their anchor; duplicate keys in a mapping are
/// an error, as they are for Kubernetes.
final class YAMLReader {
    /// A syntax error: libyaml's problem and context, or a duplicate key or unknown alias.
    struct SyntaxError: Error {
        let message: String
        /// 1-based line and column.
        let line: Int
        let column: Int?
    }

    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let input: UnsafeMutableBufferPointer<UInt8>
    /// Added to libyaml's 0-based lines: the text's first line, less one.
    private let lineOffset: Int
    /// Added to libyaml's byte offsets.
    private let byteOffset: Int
    private var finished = false

    /// - Parameters:
    ///   - firstLine: the number of the text's first line in its file (a piece starts further on).
    ///   - firstByte: the offset in its file of the text's first byte.
    init(text: String, firstLine: Int = 1, firstByte: Int = 0) {
        lineOffset = firstLine - 1
        byteOffset = firstByte
        input = .allocate(capacity: max(1, text.utf8.count))
        _ = input.initialize(from: text.utf8)
        parser = .allocate(capacity: 1)
        yaml_parser_initialize(parser)
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, input.baseAddress, text.utf8.count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
        input.deallocate()
    }

    /// The next document; `nil` at the end of the stream.
    func nextDocument() throws(SyntaxError) -> YAMLDocument? {
        guard !finished else { return nil }
        var event = yaml_event_t()
        while true {
            try parse(&event)
            defer { yaml_event_delete(&event) }
            switch event.type {
            case YAML_STREAM_END_EVENT:
                finished = true
                return nil
            case YAML_DOCUMENT_START_EVENT:
                return try readDocument()
            default:
                continue
            }
        }
    }

    /// The nodes up to the document's end event.
    private func readDocument() throws(SyntaxError) -> YAMLDocument {
        var document = YAMLDocument.Builder()
        // Children read so far of the open collections, innermost last; a collection's anchor is
        // registered when it closes, so that an alias inside it (a cycle) is an unknown alias.
        var pending: [Int32] = []
        var open: [(node: Int32, firstChild: Int, anchor: String?)] = []
        var anchors: [String: Int32] = [:]
        var event = yaml_event_t()
        while true {
            try parse(&event)
            defer { yaml_event_delete(&event) }
            let line = Int32(clamping: event.start_mark.line + 1 + lineOffset)
            switch event.type {
            case YAML_DOCUMENT_END_EVENT:
                return YAMLDocument(document)
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                let node = document.appendScalar(text, plain: scalar.style == YAML_PLAIN_SCALAR_STYLE, line: line)
                pending.append(node)
                if let anchor = Self.string(scalar.anchor) { anchors[anchor] = node }
            case YAML_ALIAS_EVENT:
                let name = Self.string(event.data.alias.anchor) ?? ""
                guard let node = anchors[name] else {
                    throw SyntaxError(message: "unknown alias *\(name)", line: Int(line), column: Int(event.start_mark.column + 1))
                }
                pending.append(node)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let isMapping = event.type == YAML_MAPPING_START_EVENT
                let node = document.appendCollection(isMapping ? .mapping : .sequence, line: line)
                pending.append(node)
                let anchor = Self.string(isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor)
                open.append((node, pending.count, anchor))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let (node, firstChild, anchor) = open.popLast() else { continue }
                let items = pending[firstChild...]
                if event.type == YAML_MAPPING_END_EVENT { try Self.checkDuplicateKeys(items, in: document) }
                document.close(node, children: items)
                pending.removeSubrange(firstChild...)
                if let anchor { anchors[anchor] = node }
            default:
                continue
            }
        }
    }

    private func parse(_ event: inout yaml_event_t) throws(SyntaxError) {
        guard yaml_parser_parse(parser, &event) == 1 else { throw syntaxError() }
    }

    /// libyaml's error as Yams reported it: the problem, the context, where.
    private func syntaxError() -> SyntaxError {
        let problem = Self.string(parser.pointee.problem) ?? "syntax error"
        if parser.pointee.error == YAML_READER_ERROR {
            return SyntaxError(message: "\(problem) (byte \(parser.pointee.problem_offset + byteOffset))", line: 1, column: nil)
        }
        let mark = parser.pointee.problem_mark
        let message = Self.string(parser.pointee.context).map { "\(problem) (\($0))" } ?? problem
        return SyntaxError(message: message, line: mark.line + 1 + lineOffset, column: mark.column + 1)
    }

    /// The keys of a mapping (keys and values alternating) that repeat, as an error at the second one.
    private static func checkDuplicateKeys(_ items: ArraySlice<Int32>, in document: YAMLDocument.Builder) throws(SyntaxError) {
        let pairs = items.count / 2
        var seen: Set<String> = []
        for pair in 0..<pairs {
            let key = items[items.startIndex + 2 * pair]
            guard let text = document.text(key) else { continue }
            let repeated: Bool
            if pairs <= 8 {  // most mappings: compare with the keys before, no set to build
                repeated = (0..<pair).contains { document.text(items[items.startIndex + 2 * $0]) == text }
            } else {
                repeated = !seen.insert(text).inserted
            }
            if repeated { throw SyntaxError(message: "duplicate key \"\(text)\"", line: Int(document.line(key)), column: nil) }
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
