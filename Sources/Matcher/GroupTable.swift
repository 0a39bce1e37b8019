import DenyscopeCore

/// The triage groups of a matcher, stored compactly: one fixed-size `GroupRecord` per group and
/// every name, decision, endpoint, observed verdict and file interned once. A group costs about
/// 110 bytes (record, three origins, index slots) however many records it aggregates;
/// `FlowGroup` values are built only for output.
struct GroupTable {
    /// What a group has in common, as ids of this table: cheap to hash on every flow.
    struct Key: Hashable {
        let source: UInt32
        let destination: UInt32
        let proto: IPProtocol
        let port: UInt16?
        let decision: UInt32
        let agreement: Agreement
    }

    /// Ids of another table in this one, filled as `absorb` meets them (`GroupRecord.none`: not yet).
    struct IDMap {
        var names: [UInt32] = []
        var decisions: [UInt32] = []
        var endpoints: [UInt32] = []
        var observed: [UInt32] = []
        var files: [UInt32] = []
    }

    private(set) var records: [GroupRecord] = []
    private var index = GroupIndex()
    private(set) var names = Interner<String>()
    private(set) var decisions = Interner<Decision>()
    private(set) var endpoints: [Endpoint] = []
    private(set) var observed = Interner<ObservedSummary>()
    /// Each observed id's place in the fixed order of `ObservedSummary.orderKey`.
    private var observedOrder: [String] = []
    /// All observed ids of the groups that have more than one, in order.
    private var moreObserved: [Int: [UInt32]] = [:]
    private var files = Interner<String>()
    private var lastFile: (name: String, id: UInt32)? = nil
    /// The last observed summary and its id: consecutive records mostly say the same, and
    /// comparing with it is cheaper than hashing its strings.
    private var lastObserved: (summary: ObservedSummary, id: UInt32)? = nil
    /// The attribution of each pair of decision id and observed id met (high and low 32 bits):
    /// it follows from the decision and the policies the record names, which the observed
    /// summary holds, and comparing those names built strings on every record.
    private var attributions: [UInt64: Attribution?] = [:]
    /// `FlowGroup.exampleLimit` slots a group.
    private var examples: [Origin] = []

    var isEmpty: Bool { records.isEmpty }

    mutating func nameID(_ name: String) -> UInt32 { names.id(name) }

    mutating func decisionID(_ decision: Decision) -> UInt32 { decisions.id(decision) }

    /// Numbers an endpoint; the caller keeps the id (endpoints are not compared).
    mutating func endpointID(_ endpoint: Endpoint) -> UInt32 {
        endpoints.append(endpoint)
        return UInt32(endpoints.count - 1)
    }

    /// Adds one flow to the group `key`; a new group keeps `source` and `destination` (endpoint
    /// ids) as its representatives. `decision` is read only when the record names policies.
    mutating func add(_ flow: Flow, key: Key, source: UInt32, destination: UInt32, decision: () -> Decision) {
        let position = self.position(of: key, icmpCode: flow.icmpCode, source: source, destination: destination)
        records[position].count(flow.attempts, at: flow.time, flow.time)
        let observed = observedID(ObservedSummary(flow.observed))
        if !flow.observed.policies.isEmpty {
            records[position].attribute(attribution(flow.observed, observedID: observed, decisionID: key.decision, decision))
        }
        keep(observed: observed, at: position)
        keep(example: origin(flow.location), at: position)
    }

    private mutating func attribution(
        _ observed: Flow.Observed, observedID: UInt32, decisionID: UInt32, _ decision: () -> Decision
    ) -> Attribution? {
        let pair = UInt64(decisionID) << 32 | UInt64(observedID)
        if let known = attributions[pair] { return known }
        let attribution = Attribution(observed: observed, decision: decision())
        attributions[pair] = attribution
        return attribution
    }

    /// Adds every group of `other` (mapping its ids through `map`, extended as needed).
    mutating func absorb(_ other: GroupTable, map: inout IDMap) {
        for (otherPosition, record) in other.records.enumerated() {
            let key = Key(
                source: Self.mapped(record.key.source, &map.names) { names.id(other.names[$0]) },
                destination: Self.mapped(record.key.destination, &map.names) { names.id(other.names[$0]) },
                proto: record.key.proto, port: record.key.port,
                decision: Self.mapped(record.key.decision, &map.decisions) { decisions.id(other.decisions[$0]) },
                agreement: record.key.agreement)
            let position = self.position(
                of: key, icmpCode: record.icmpCode,
                source: Self.mapped(record.sourceEndpoint, &map.endpoints) { endpointID(other.endpoints[Int($0)]) },
                destination: Self.mapped(record.destinationEndpoint, &map.endpoints) { endpointID(other.endpoints[Int($0)]) })
            records[position].count(record.count, at: record.firstSeen, record.lastSeen)
            records[position].attribute(record.attribution)
            other.forEachObservedID(of: otherPosition) { id in
                keep(observed: Self.mapped(id, &map.observed) { observedID(other.observed[$0]) }, at: position)
            }
            for slot in 0..<Int(record.exampleCount) {
                let example = other.examples[otherPosition * FlowGroup.exampleLimit + slot]
                let file = Self.mapped(example.file, &map.files) { files.id(other.files[$0]) }
                keep(example: Origin(file: file, line: example.line, packet: example.packet), at: position)
            }
        }
    }

    /// Forgets the groups, keeping the interned values and endpoints (so that an `IDMap` into
    /// another table stays valid).
    mutating func removeGroups() {
        records.removeAll(keepingCapacity: true)
        index.removeAll()
        moreObserved.removeAll()
        examples.removeAll(keepingCapacity: true)
    }

    /// The groups in the order they were first seen.
    var groups: [FlowGroup] { records.indices.map(group) }

    /// The groups most attempts first, then by source, destination, protocol, port, agreement and
    /// decision, so that the order does not depend on the order records arrived in; the first
    /// `limit` only when given.
    func sortedGroups(limit: Int? = nil) -> [FlowGroup] {
        let nameRank = names.ranks { $0 }
        // Described only when two groups tie on everything else: describing every decision (of
        // thousands, some naming dozens of policies) took a tenth of a large run.
        var decisionTexts = [String?](repeating: nil, count: decisions.values.count)
        func decisionText(_ id: UInt32) -> String {
            if let text = decisionTexts[Int(id)] { return text }
            let text = String(describing: decisions[id])
            decisionTexts[Int(id)] = text
            return text
        }
        func precedes(_ left: GroupRecord, _ right: GroupRecord) -> Bool {
            if left.count != right.count { return left.count > right.count }
            let (a, b) = (left.key, right.key)
            if a.source != b.source { return nameRank[Int(a.source)] < nameRank[Int(b.source)] }
            if a.destination != b.destination { return nameRank[Int(a.destination)] < nameRank[Int(b.destination)] }
            if a.proto != b.proto { return a.proto < b.proto }
            if a.port != b.port { return (a.port ?? 0) < (b.port ?? 0) }
            if a.agreement != b.agreement { return a.agreement < b.agreement }
            return a.decision != b.decision && decisionText(a.decision) < decisionText(b.decision)
        }
        guard let limit, limit < records.count else {
            return records.indices.sorted { precedes(records[$0], records[$1]) }.map(group)
        }
        return Self.first(limit, of: records.indices, by: { precedes(records[$0], records[$1]) }).map(group)
    }

    /// The `limit` first positions in the order of `precedes`, in that order, in one pass that
    /// keeps only those: sorting every group to show twenty took a second of a large run.
    static func first(_ limit: Int, of positions: Range<Int>, by precedes: (Int, Int) -> Bool) -> [Int] {
        var first: [Int] = []
        first.reserveCapacity(limit + 1)
        guard limit > 0 else { return first }
        for position in positions {
            if first.count == limit {
                guard let last = first.last, precedes(position, last) else { continue }
                first.removeLast()
            }
            var low = 0
            var high = first.count
            while low < high {
                let middle = (low + high) / 2
                if precedes(position, first[middle]) { high = middle } else { low = middle + 1 }
            }
            first.insert(position, at: low)
        }
        return first
    }

    /// The report value of the group at `position`.
    private func group(_ position: Int) -> FlowGroup {
        let record = records[position]
        let key = GroupKey(
            source: names[record.key.source], destination: names[record.key.destination], protocol: record.key.proto,
            port: record.key.port, decision: decisions[record.key.decision], agreement: record.key.agreement)
        let origins = examples[position * FlowGroup.exampleLimit..<position * FlowGroup.exampleLimit + Int(record.exampleCount)]
        return FlowGroup(
            key: key, sourceEndpoint: endpoints[Int(record.sourceEndpoint)],
            destinationEndpoint: endpoints[Int(record.destinationEndpoint)], icmpCode: record.icmpCode, count: record.count,
            firstSeen: record.firstSeen, lastSeen: record.lastSeen, observed: observedIDs(of: position).map { observed[$0] },
            examples: origins.map { origin in
                InputLocation(
                    file: files[origin.file], line: origin.line == 0 ? nil : Int(origin.line),
                    packet: origin.packet == 0 ? nil : Int(origin.packet))
            },
            attribution: record.attribution)
    }

    private mutating func position(of key: Key, icmpCode: UInt8?, source: UInt32, destination: UInt32) -> Int {
        if let known = index.position(of: key, keyAt: { records[$0].key }) { return known }
        let position = records.count
        records.append(GroupRecord(key: key, sourceEndpoint: source, destinationEndpoint: destination, icmpCode: icmpCode))
        examples.append(contentsOf: repeatElement(Origin(file: 0, line: 0, packet: 0), count: FlowGroup.exampleLimit))
        index.insert(position, for: key) { records[$0].key }
        return position
    }

    private mutating func observedID(_ summary: ObservedSummary) -> UInt32 {
        if let last = lastObserved, last.summary == summary { return last.id }
        let id = observed.id(summary)
        if Int(id) == observedOrder.count { observedOrder.append(summary.orderKey) }
        lastObserved = (summary, id)
        return id
    }

    /// Calls `body` with each observed id of a group, in order, without collecting them (merging
    /// tables does this for every group of every batch).
    private func forEachObservedID(of position: Int, _ body: (UInt32) -> Void) {
        if let all = moreObserved[position] {
            all.forEach(body)
        } else if records[position].observed != GroupRecord.none {
            body(records[position].observed)
        }
    }

    private func observedIDs(of position: Int) -> [UInt32] {
        var ids: [UInt32] = []
        forEachObservedID(of: position) { ids.append($0) }
        return ids
    }

    /// Keeps the `FlowGroup.observedLimit` first distinct observed verdicts in order.
    private mutating func keep(observed id: UInt32, at position: Int) {
        let first = records[position].observed
        if first == id { return }
        if first == GroupRecord.none {
            records[position].observed = id
            return
        }
        var all = moreObserved[position] ?? [first]
        guard !all.contains(id) else { return }
        let place = all.firstIndex { observedOrder[Int(id)] < observedOrder[Int($0)] } ?? all.count
        all.insert(id, at: place)
        if all.count > FlowGroup.observedLimit { all.removeLast() }
        records[position].observed = all[0]
        moreObserved[position] = all
    }

    private mutating func origin(_ location: InputLocation) -> Origin {
        let file: UInt32
        if let last = lastFile, last.name == location.file {
            file = last.id
        } else {
            file = files.id(location.file)
            lastFile = (location.file, file)
        }
        return Origin(file: file, line: Origin.clamped(location.line), packet: Origin.clamped(location.packet))
    }

    /// Keeps the `FlowGroup.exampleLimit` earliest origins by file name, line and packet.
    private mutating func keep(example: Origin, at position: Int) {
        func precedes(_ a: Origin, _ b: Origin) -> Bool {
            if a.file != b.file { return files[a.file] < files[b.file] }
            return (a.line, a.packet) < (b.line, b.packet)
        }
        let base = position * FlowGroup.exampleLimit
        var count = Int(records[position].exampleCount)
        guard count < FlowGroup.exampleLimit || precedes(example, examples[base + count - 1]) else { return }
        var place = count
        while place > 0, precedes(example, examples[base + place - 1]) { place -= 1 }
        if count == FlowGroup.exampleLimit { count -= 1 }
        var slot = count
        while slot > place {
            examples[base + slot] = examples[base + slot - 1]
            slot -= 1
        }
        examples[base + place] = example
        records[position].exampleCount = UInt8(count + 1)
    }

    /// `id` of another table mapped through `map`, interning it with `intern` the first time.
    private static func mapped(_ id: UInt32, _ map: inout [UInt32], _ intern: (UInt32) -> UInt32) -> UInt32 {
        if Int(id) >= map.count { map.append(contentsOf: repeatElement(GroupRecord.none, count: Int(id) + 1 - map.count)) }
        if map[Int(id)] == GroupRecord.none { map[Int(id)] = intern(id) }
        return map[Int(id)]
    }
}
