import DenyscopeCore
import Foundation

/// Flow arrays given back once their block is consumed, so that later blocks parse into memory
/// that is already mapped. A block's flows take a megabyte or more, which the allocator maps
/// afresh for each block and unmaps after it: the page faults of filling new arrays were a tenth
/// of a run. At most `limit` arrays wait here, so memory stays bounded.
final class FlowBufferPool: @unchecked Sendable {
    private var idle: [[Flow]] = []
    private let lock = NSLock()
    private let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// An empty array, with the capacity of one given back if there is one.
    func take() -> [Flow] {
        lock.lock()
        defer { lock.unlock() }
        return idle.popLast() ?? []
    }

    /// Keeps the storage of `flows`, emptied, for a later block unless the pool is full.
    func giveBack(_ flows: consuming [Flow]) {
        flows.removeAll(keepingCapacity: true)
        lock.lock()
        defer { lock.unlock() }
        if idle.count < limit { idle.append(flows) }
    }
}
