/// Orders the files of a directory so that each rotated-log family reads oldest first.
///
/// A file's name, without a final `.gz`, is split into a *base* and a rotation suffix:
/// - `.N` (1 to 6 digits): logrotate's numbered copies; a larger `N` is older
///   (`kern.log.1` is newer than `kern.log.2.gz`);
/// - `-YYYYMMDD`, optionally followed by up to 6 more digits (`-YYYYMMDDHH`, `-YYYYMMDDHHMMSS`),
///   with a month 01–12 and a day 01–31: logrotate's `dateext`; an earlier date is older
///   (`syslog-20261119.gz` before `syslog-20261120`);
/// - no suffix: the live file, which is the newest of its family.
///
/// Files in the same folder with the same base form a family, read in the order: dated copies
/// (oldest date first), then numbered copies (largest `N` first), then the live file. A family
/// takes the place of its first member in name order; every other file keeps its place. Names
/// that only look rotated (`host-10.0.0.1`, `host-10.0.0.2`) are ordered the same way, which
/// changes nothing but their relative order.
///
/// ```swift
/// RotationOrder.sorted(["d/kern.log", "d/kern.log.1", "d/kern.log.2.gz"])
/// // ["d/kern.log.2.gz", "d/kern.log.1", "d/kern.log"]
/// ```
public enum RotationOrder {
    /// Where a file stands in its family.
    public enum Generation: Hashable, Sendable, Comparable {
        /// A `dateext` copy, by its digits (`20261120`); earlier is older.
        case dated(UInt64)
        /// A numbered copy (`.3`); larger is older.
        case numbered(Int)
        /// The live file.
        case live

        /// Oldest first.
        public static func < (lhs: Generation, rhs: Generation) -> Bool {
            switch (lhs, rhs) {
            case (.dated(let left), .dated(let right)): return left < right
            case (.numbered(let left), .numbered(let right)): return left > right
            default: return lhs.rank < rhs.rank
            }
        }

        /// Dated copies, then numbered ones, then the live file.
        private var rank: Int {
            switch self {
            case .dated: return 0
            case .numbered: return 1
            case .live: return 2
            }
        }
    }

    /// The family base (with its folder) and generation of `path`.
    public static func classify(_ path: String) -> (base: String, generation: Generation) {
        var name = Substring(path)
        if name.hasSuffix(".gz") { name = name.dropLast(3) }
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            let digits = name[name.index(after: dot)...]
            if (1...6).contains(digits.count), digits.allSatisfy(\.isASCIIDigit), let number = Int(digits),
                !name[..<dot].hasSuffix("/")
            {
                return (String(name[..<dot]), .numbered(number))
            }
        }
        if let dash = name.lastIndex(of: "-"), dash != name.startIndex {
            let digits = name[name.index(after: dash)...]
            if (8...14).contains(digits.count), digits.allSatisfy(\.isASCIIDigit), let stamp = UInt64(digits),
                isPlausibleDate(digits.prefix(8)), !name[..<dash].hasSuffix("/")
            {
                return (String(name[..<dash]), .dated(stamp))
            }
        }
        return (String(name), .live)
    }

    /// `paths` (one directory's files in name order) with each rotation family oldest first.
    public static func sorted(_ paths: [String]) -> [String] {
        var families: [String: [(path: String, generation: Generation)]] = [:]
        var order: [String] = []
        for path in paths {
            let (base, generation) = classify(path)
            if families[base] == nil { order.append(base) }
            families[base, default: []].append((path, generation))
        }
        return order.flatMap { base in
            (families[base] ?? []).enumerated()
                .sorted { ($0.element.generation, $0.offset) < ($1.element.generation, $1.offset) }
                .map(\.element.path)
        }
    }

    /// Whether `digits` (`YYYYMMDD`) has a month 01–12 and a day 01–31.
    private static func isPlausibleDate(_ digits: Substring) -> Bool {
        guard digits.count == 8, let month = Int(digits.dropFirst(4).prefix(2)), let day = Int(digits.suffix(2)) else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }
}

extension Character {
    /// `0`–`9` only (not other scripts' digits).
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
