import Foundation

/// Cuts a multi-document YAML text into pieces of whole documents, at `---` lines, so that the
/// pieces can be parsed on different threads: libyaml parses one stream on one thread, and that
/// parse was most of loading a large snapshot.
///
/// A line that starts with `---` followed by a space, a tab or its end always starts a document:
/// block scalars are indented at least one column, quoted scalars may not hold such a line, and
/// plain scalars end before it. Each piece knows the line and document number it starts at, so
/// that errors name the same places as when the text is read whole. Texts with directives
/// (`%YAML`, `%TAG`), `...` document ends or a byte order mark are not cut: their documents cannot
/// be counted from the markers alone.
enum ManifestPieces {
    /// The pieces of `manifest`, each about `size` bytes or more; `nil` when the text is not cut
    /// (smaller than two pieces, a single document, or one of the forms above).
    static func split(_ manifest: ManifestText, size: Int) -> [ManifestText]? {
        // A file's text is stored contiguously: its bytes are read in place, not copied first.
        var text = manifest.text
        return text.withUTF8 { bytes in
            guard bytes.count / 2 >= size, bytes.first != 0xEF else { return nil }
            return split(manifest, bytes: bytes, size: size)
        }
    }

    private static func split(_ manifest: ManifestText, bytes: UnsafeBufferPointer<UInt8>, size: Int) -> [ManifestText]? {
        var pieces: [ManifestText] = []
        var pieceStart = 0
        var pieceLine = 1
        var pieceDocument = 1
        var documents = 0
        var sawContent = false
        var line = 1
        var lineStart = 0
        while lineStart < bytes.count {
            let lineEnd = newline(in: bytes, from: lineStart) ?? bytes.count
            switch kind(of: bytes[lineStart..<lineEnd]) {
            case .directiveOrEnd:
                return nil
            case .documentStart:
                if documents == 0, sawContent { documents = 1 }
                if lineStart - pieceStart >= size {
                    pieces.append(piece(manifest, bytes[pieceStart..<lineStart], line: pieceLine, document: pieceDocument))
                    pieceStart = lineStart
                    pieceLine = line
                    pieceDocument = documents + 1
                }
                documents += 1
            case .content:
                sawContent = true
            case .blankOrComment:
                break
            }
            line += 1
            lineStart = lineEnd + 1
        }
        guard !pieces.isEmpty else { return nil }
        pieces.append(piece(manifest, bytes[pieceStart...], line: pieceLine, document: pieceDocument))
        return pieces
    }

    /// The offset of the first newline from `start` on (`memchr`: a snapshot has megabytes).
    private static func newline(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress, let found = memchr(base + start, 0x0A, bytes.count - start) else { return nil }
        return UnsafeRawPointer(base).distance(to: found)
    }

    private enum LineKind {
        case documentStart, directiveOrEnd, content, blankOrComment
    }

    private static func kind(of line: Slice<UnsafeBufferPointer<UInt8>>) -> LineKind {
        func marker(_ byte: UInt8) -> Bool {
            guard line.count >= 3, line.prefix(3).allSatisfy({ $0 == byte }) else { return false }
            let next = line.dropFirst(3).first
            return next == nil || next == 0x20 || next == 0x09 || next == 0x0D
        }
        if marker(UInt8(ascii: "-")) { return .documentStart }
        if line.first == UInt8(ascii: "%") || marker(UInt8(ascii: ".")) { return .directiveOrEnd }
        guard let first = line.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return .blankOrComment }
        return first == UInt8(ascii: "#") ? .blankOrComment : .content
    }

    private static func piece(
        _ manifest: ManifestText, _ bytes: Slice<UnsafeBufferPointer<UInt8>>, line: Int, document: Int
    ) -> ManifestText {
        ManifestText(
            name: manifest.name, text: String(decoding: bytes, as: UTF8.self), firstLine: line, firstDocument: document,
            firstByte: bytes.startIndex)
    }
}
