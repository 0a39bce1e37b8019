import DenyscopeCore
import Dispatch
import PolicyEngine

/// Runs several `FlowMatcher`s side by side, each on a slice of every batch, and merges their
/// group tables at the end.
///
/// Every part of a group is order-independent (sums, minimum and maximum times, the earliest
/// examples, observed verdicts in a fixed order), so the merged result equals a sequential run.
public struct ParallelFlowMatcher {
    private var workers: [FlowMatcher]

    public init(engine: PolicyEngine, includeAllowed: Bool = false, filter: FlowFilter = FlowFilter(), workers: Int) {
        self.workers = (0..<max(1, workers)).map { _ in FlowMatcher(engine: engine, includeAllowed: includeAllowed, filter: filter) }
    }

    /// Decides and aggregates a batch, its slices on all workers at once.
    public mutating func add(_ flows: [Flow]) {
        guard workers.count > 1, flows.count >= workers.count * 64 else {
            for flow in flows { workers[0].add(flow) }
            return
        }
        let count = workers.count
        let sliceSize = (flows.count + count - 1) / count
        workers.withUnsafeMutableBufferPointer { buffer in
            // Each iteration touches its own worker only.
            nonisolated(unsafe) let workers = buffer
            DispatchQueue.concurrentPerform(iterations: count) { index in
                for flow in flows[min(flows.count, index * sliceSize)..<min(flows.count, (index + 1) * sliceSize)] {
                    workers[index].add(flow)
                }
            }
        }
    }

    /// The merged groups, most attempts first, as `FlowMatcher.sortedGroups` orders them.
    public var sortedGroups: [FlowGroup] {
        var merged: [GroupKey: FlowGroup] = [:]
        var order: [GroupKey] = []
        for worker in workers {
            for group in worker.groups {
                if merged[group.key] == nil {
                    merged[group.key] = group
                    order.append(group.key)
                } else {
                    merged[group.key]?.merge(group)
                }
            }
        }
        return FlowMatcher.sorted(order.compactMap { merged[$0] })
    }

    /// The groups with their near misses computed, once each (denied groups only).
    public func explained(_ groups: [FlowGroup]) -> [FlowGroup] {
        workers[0].explained(groups)
    }

    public var flowsSeen: Int { workers.reduce(0) { $0 + $1.flowsSeen } }
    public var notEvaluated: Int { workers.reduce(0) { $0 + $1.notEvaluated } }
}
