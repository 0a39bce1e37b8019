import DenyscopeCore

/// A group's running totals in a fixed size with no storage of its own, so that a table of
/// hundreds of thousands of groups stays small; the ids refer to the owning `GroupTable`.
struct GroupRecord {
    // Declared in this order so that the record packs into 64 bytes.
    var count = 0
    /// The earliest and latest record times; `Int64.max`/`Int64.min` while no record had a time.
    private var earliest = Int64.max
    private var latest = Int64.min
    let key: GroupTable.Key
    /// The first seen endpoints of each side, as `GroupTable.endpoints` indexes.
    let sourceEndpoint: UInt32
    let destinationEndpoint: UInt32
    /// The first of the records' own verdicts in order (`GroupTable.observed` id); the others are
    /// in `GroupTable.moreObserved` when there are several.
    var observed = GroupRecord.none
    let icmpCode: UInt8?
    var attribution: Attribution? = nil
    /// How many of the record's slots in `GroupTable.examples` are used.
    var exampleCount: UInt8 = 0

    var firstSeen: Int64? { earliest == .max ? nil : earliest }
    var lastSeen: Int64? { latest == .min ? nil : latest }

    static let none = UInt32.max

    init(key: GroupTable.Key, sourceEndpoint: UInt32, destinationEndpoint: UInt32, icmpCode: UInt8?) {
        self.key = key
        self.sourceEndpoint = sourceEndpoint
        self.destinationEndpoint = destinationEndpoint
        self.icmpCode = icmpCode
    }

    /// Adds attempts seen at `time` (`nil` when the record has no time).
    mutating func count(_ attempts: Int, at first: Int64?, _ last: Int64?) {
        count += attempts
        if let first { earliest = min(earliest, first) }
        if let last { latest = max(latest, last) }
    }

    /// `differs` as soon as one record names another policy than the engine: order-independent.
    mutating func attribute(_ named: Attribution?) {
        if let named, attribution != .differs { attribution = named }
    }
}

/// Where a record was read: an interned file and the line or packet number (0: neither), in 12
/// bytes; numbers past `UInt32.max` (4 billion lines) are kept as that.
struct Origin {
    let file: UInt32
    let line: UInt32
    let packet: UInt32

    static func clamped(_ number: Int?) -> UInt32 { UInt32(clamping: number ?? 0) }
}
