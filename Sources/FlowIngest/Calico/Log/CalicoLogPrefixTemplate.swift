import DenyscopeCore

/// A Felix `logPrefix` with `%t %k %n %p` placeholders, used backwards: it reads the policy a
/// rendered prefix names (reference/calico-logs.md §1.1).
///
/// Felix replaces every match of `%[tknp]` in one pass: `%t` the tier (empty for profiles),
/// `%k` the kind's short name (`np`, `gnp`, `snp`, `sgnp`, `sknp`, `knp`, `kcnp`, `pro`), `%n`
/// the name, `%p` `namespace/name` for namespaced kinds else the name. There is no escape:
/// `%%t` renders as `%` and the tier; any other `%x` stays as written. iptables cuts prefixes
/// after 29 characters, so a rendered prefix may stop anywhere: parts cut off are `nil`.
public struct CalicoLogPrefixTemplate: Hashable, Sendable {
    enum Piece: Hashable, Sendable {
        case literal([UInt8])
        case tier, kind, name, qualifiedName
    }

    let pieces: [Piece]
    /// The template as configured.
    public let text: String

    /// A template as written in `FelixConfiguration.logPrefix` (without the `: ` Felix appends).
    public init(_ text: String) {
        self.text = text
        var pieces: [Piece] = []
        var literal: [UInt8] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 1 < bytes.count {
                let placeholder: Piece?
                switch bytes[index + 1] {
                case UInt8(ascii: "t"): placeholder = .tier
                case UInt8(ascii: "k"): placeholder = .kind
                case UInt8(ascii: "n"): placeholder = .name
                case UInt8(ascii: "p"): placeholder = .qualifiedName
                default: placeholder = nil
                }
                if let placeholder {
                    if !literal.isEmpty { pieces.append(.literal(literal)) }
                    literal = []
                    pieces.append(placeholder)
                    index += 2
                    continue
                }
            }
            literal.append(bytes[index])
            index += 1
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        self.pieces = pieces
    }

    /// Whether the template has any placeholder.
    public var hasPlaceholders: Bool { pieces.contains { if case .literal = $0 { return false } else { return true } } }

    /// The longest prefix matched against the template: nftables keeps 127 characters.
    static let maxPrefixLength = 256

    /// The policy `prefix` names, or `nil` when it does not have the template's shape.
    ///
    /// - Complexity: O(p·n²) for p pieces and a prefix of n ≤ `maxPrefixLength` bytes: states
    ///   that failed once are not tried again.
    func rule(from prefix: UnsafeRawBufferPointer) -> PacketLogRule? {
        guard prefix.count <= Self.maxPrefixLength else { return nil }
        var captures: [(Piece, Range<Int>)] = []
        var failed = Set<Int>()
        guard match(prefix, piece: 0, at: 0, captures: &captures, failed: &failed) else { return nil }
        var rule = PacketLogRule(prefix: String(decoding: prefix, as: UTF8.self))
        var shortKind: String? = nil
        for (piece, range) in captures {
            let text = String(decoding: prefix.slice(range), as: UTF8.self)
            switch piece {
            case .tier: rule.tier = text.isEmpty ? nil : text
            case .kind: shortKind = text
            case .name: rule.name = text
            case .qualifiedName:
                if let slash = text.firstIndex(of: "/") {
                    rule.namespace = String(text[..<slash])
                    rule.name = String(text[text.index(after: slash)...])
                } else {
                    rule.name = text
                }
            case .literal: break
            }
        }
        if let shortKind { rule.kind = CalicoPolicyKinds.kind(short: shortKind) }
        if rule.name?.isEmpty == true { rule.name = nil }
        return rule
    }

    /// Matches pieces from `piece` against `prefix[offset...]`, backtracking over placeholder
    /// lengths. Running out of prefix text inside the template counts as a match (truncation);
    /// the placeholder that was cut is dropped.
    private func match(
        _ prefix: UnsafeRawBufferPointer, piece: Int, at offset: Int, captures: inout [(Piece, Range<Int>)], failed: inout Set<Int>
    ) -> Bool {
        guard piece < pieces.count else { return offset == prefix.count }
        if offset == prefix.count { return true }
        let state = piece * (prefix.count + 1) + offset
        if failed.contains(state) { return false }
        if matchPiece(prefix, piece: piece, at: offset, captures: &captures, failed: &failed) { return true }
        failed.insert(state)
        return false
    }

    private func matchPiece(
        _ prefix: UnsafeRawBufferPointer, piece: Int, at offset: Int, captures: inout [(Piece, Range<Int>)], failed: inout Set<Int>
    ) -> Bool {
        switch pieces[piece] {
        case .literal(let bytes):
            var index = 0
            while index < bytes.count {
                if offset + index == prefix.count { return true }
                guard prefix[offset + index] == bytes[index] else { return false }
                index += 1
            }
            return match(prefix, piece: piece + 1, at: offset + bytes.count, captures: &captures, failed: &failed)
        case let placeholder:
            var end = offset
            while end < prefix.count, Self.allowed(prefix[end], in: placeholder) { end += 1 }
            // Longest first: names may contain the characters of a following literal.
            while end >= offset {
                let candidate = offset..<end
                if placeholder == .kind, end < prefix.count, CalicoPolicyKinds.kind(short: prefix.slice(candidate)) == nil {
                    end -= 1
                    continue
                }
                let mark = captures.count
                if end < prefix.count || piece + 1 == pieces.count { captures.append((placeholder, candidate)) }
                if match(prefix, piece: piece + 1, at: end, captures: &captures, failed: &failed) { return true }
                captures.removeSubrange(mark...)
                end -= 1
            }
            return false
        }
    }

    /// Characters a placeholder's value can hold (tiers, kinds and names are DNS-1123 names;
    /// `%p` adds the `/`).
    private static func allowed(_ byte: UInt8, in piece: Piece) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"): return piece != .kind
        case UInt8(ascii: "/"): return piece == .qualifiedName
        default: return false
        }
    }
}
