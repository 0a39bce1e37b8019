import Foundation

/// Record parsers kept from one block to the next, so that their caches (label lists, names,
/// prefixes) live as long as the file instead of one block: a block takes a parser, parses its
/// lines and gives it back. Parsers hold memoised values only, so which one a block gets never
/// changes its result.
final class ParserPool<Parser: LineRecordParser>: @unchecked Sendable {
    private var idle: [Parser] = []
    private let lock = NSLock()
    private let make: () -> Parser

    init(make: @escaping () -> Parser) {
        self.make = make
    }

    /// Runs `body` with a parser no other thread is using.
    func withParser<Result>(_ body: (inout Parser) -> Result) -> Result {
        // No named copy of the parser may outlive this line: its caches would no longer be
        // uniquely referenced, and the first insertion into each would copy the whole table.
        var parser = takeIdle() ?? make()
        let result = body(&parser)
        lock.lock()
        idle.append(parser)
        lock.unlock()
        return result
    }

    private func takeIdle() -> Parser? {
        lock.lock()
        defer { lock.unlock() }
        return idle.popLast()
    }
}
