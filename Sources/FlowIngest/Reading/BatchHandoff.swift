import Foundation

/// Batches passed from one producer thread to one consumer, at most `capacity` waiting: the
/// producer reads ahead while the consumer works, and blocks when it is `capacity` batches ahead,
/// so memory stays bounded. Either side may stop the other: the producer with `finish`, the
/// consumer with `cancel`.
final class BatchHandoff<Batch>: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    private var waiting: [Batch] = []
    private var finished = false
    private var cancelled = false

    init(capacity: Int = 2) {
        self.capacity = capacity
    }

    /// Hands over a batch, waiting for room; `false` once the consumer has cancelled.
    func put(_ batch: Batch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while waiting.count >= capacity, !cancelled { condition.wait() }
        guard !cancelled else { return false }
        waiting.append(batch)
        condition.broadcast()
        return true
    }

    /// No more batches will come.
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, waiting for one; `nil` when the producer has finished and all were taken.
    func take() -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty, !finished { condition.wait() }
        guard !waiting.isEmpty else { return nil }
        condition.broadcast()
        return waiting.removeFirst()
    }

    /// The consumer stops: batches waiting are dropped and `put` returns `false` from now on.
    func cancel() {
        condition.lock()
        cancelled = true
        waiting.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}

extension BatchHandoff {
    /// Runs `produce` on another thread and `consume` on this one, each batch `produce` puts in
    /// the handoff in turn; returns what `produce` returned.
    ///
    /// The consumer gets every batch put before the producer ended, then the producer's error if
    /// it threw one. When `consume` throws, the producer is cancelled (its `put` returns `false`)
    /// and waited for, and `consume`'s error is thrown.
    static func run<Result: Sendable>(
        capacity: Int, produce: @escaping @Sendable (BatchHandoff) throws -> Result, consume: (Batch) throws -> Void
    ) throws -> Result {
        let handoff = BatchHandoff(capacity: capacity)
        let outcome = ProducerOutcome<Result>()
        let producing = DispatchGroup()
        DispatchQueue.global().async(group: producing) {
            outcome.result = Swift.Result { try produce(handoff) }
            handoff.finish()
        }
        defer {
            handoff.cancel()
            producing.wait()
        }
        while let batch = handoff.take() { try consume(batch) }
        producing.wait()
        return try outcome.result.get()
    }
}

/// What a producer thread ended with, read once it has finished.
private final class ProducerOutcome<Value>: @unchecked Sendable {
    var result: Result<Value, any Error> = .failure(CancellationError())
}
