import DenyscopeCore

/// A group's running totals in a fixed size with no storage of its own, so that a table of
/// hundreds of thousands of groups stays small; the ids refer to the owning `GroupTable`.
struct GroupRecord {
    let key: GroupTable.Key
    /// The first seen endpoints of each side, as `GroupTable.endpoints` indexes.
    let sourceEndpoint: UInt32
    let destinationEndpoint: UInt32
    let icmpCode: UInt8?
    var count = 0
    var firstSeen: Int64? = nil
    var lastSeen: Int64? = nil
    var attribution: Attribution? = nil
    /// The first of the records' own verdicts in order (`GroupTable.observed` id); the others are
    /// in `GroupTable.moreObserved` when there are several.
    var observed = GroupRecord.none
    /// How many of the record's slots in `GroupTable.examples` are used.
    var exampleCount: UInt8 = 0

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
        if let first { firstSeen = min(firstSeen ?? first, first) }
        if let last { lastSeen = max(lastSeen ?? last, last) }
    }

    /// `differs` as soon as one record names another policy than the engine: order-independent.
    mutating func attribute(_ named: Attribution?) {
        if let named, attribution != .differs { attribution = named }
    }
}

/// Where a record was read: an interned file and the line or packet number (0: neither).
struct Origin {
    let file: UInt32
    let line: Int
    let packet: Int
}
