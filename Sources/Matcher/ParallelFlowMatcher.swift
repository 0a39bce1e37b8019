import DenyscopeCore
import Dispatch
import PolicyEngine

/// Runs several `FlowMatcher`s side by side, each on a slice of every batch, and merges their
/// groups into one table after each batch, so a group is held once however many workers saw it.
///
/// Every part of a group is order-independent (sums, minimum and maximum times, the earliest
/// examples, observed verdicts in a fixed order), so the merged result equals a sequential run.
public struct ParallelFlowMatcher {
    private var workers: [FlowMatcher]
    /// Each worker's table ids in `merged`.
    private var maps: [GroupTable.IDMap]
    private var merged = GroupTable()

    public init(engine: PolicyEngine, includeAllowed: Bool = false, filter: FlowFilter = FlowFilter(), workers: Int) {
        self.workers = (0..<max(1, workers)).map { _ in FlowMatcher(engine: engine, includeAllowed: includeAllowed, filter: filter) }
        self.maps = Array(repeating: GroupTable.IDMap(), count: self.workers.count)
    }

    /// Decides and aggregates a batch, its slices on all workers at once.
    public mutating func add(_ flows: [Flow]) {
        defer { mergeWorkers() }
        flows.withUnsafeBufferPointer { buffer in
            // Read in place, never written: see `FlowMatcher.add(_:)`.
            nonisolated(unsafe) let flows = UnsafeMutableBufferPointer(mutating: buffer)
            guard workers.count > 1, flows.count >= workers.count * 64 else {
                workers[0].add(flows)
                return
            }
            let count = workers.count
            let sliceSize = (flows.count + count - 1) / count
            workers.withUnsafeMutableBufferPointer { buffer in
                // Each iteration touches its own worker only.
                nonisolated(unsafe) let workers = buffer
                DispatchQueue.concurrentPerform(iterations: count) { index in
                    let slice = min(flows.count, index * sliceSize)..<min(flows.count, (index + 1) * sliceSize)
                    workers[index].add(UnsafeMutableBufferPointer(rebasing: flows[slice]))
                }
            }
        }
    }

    /// The merged groups, most attempts first, as `FlowMatcher.sortedGroups` orders them.
    public var sortedGroups: [FlowGroup] { merged.sortedGroups() }

    /// The `limit` groups with most attempts, in the order of `sortedGroups`.
    public func sortedGroups(limit: Int?) -> [FlowGroup] { merged.sortedGroups(limit: limit) }

    private mutating func mergeWorkers() {
        for index in workers.indices where !workers[index].table.isEmpty {
            merged.absorb(workers[index].table, map: &maps[index])
            workers[index].removeGroups()
        }
    }

    /// The groups with their near misses computed, once each (denied groups only).
    public func explained(_ groups: [FlowGroup]) -> [FlowGroup] {
        workers[0].explained(groups)
    }

    public var flowsSeen: Int { workers.reduce(0) { $0 + $1.flowsSeen } }
    public var notEvaluated: Int { workers.reduce(0) { $0 + $1.notEvaluated } }
}
