import Dispatch
import Testing

@testable import FlowIngest

/// `BatchHandoff` passes batches from a reading thread to the consumer, in order, and lets
/// either side stop.
struct BatchHandoffTests {
    /// Should deliver every batch in order, then `nil` once the producer finishes.
    @Test func deliversInOrder() {
        let handoff = BatchHandoff<Int>(capacity: 2)
        DispatchQueue.global().async {
            for batch in 0..<100 { _ = handoff.put(batch) }
            handoff.finish()
        }
        var received: [Int] = []
        while let batch = handoff.take() { received.append(batch) }
        #expect(received == Array(0..<100))
    }

    /// Should refuse batches once the consumer cancels, so a producer waiting for room stops.
    @Test func cancelStopsTheProducer() {
        let handoff = BatchHandoff<Int>(capacity: 1)
        let producing = DispatchGroup()
        let accepted = Accepted()
        DispatchQueue.global().async(group: producing) {
            var batch = 0
            while handoff.put(batch) { batch += 1 }
            accepted.count = batch
        }
        #expect(handoff.take() == 0)
        handoff.cancel()
        producing.wait()
        #expect(accepted.count >= 1)
        #expect(accepted.count <= 3)
        #expect(handoff.put(99) == false)
    }

    private final class Accepted: @unchecked Sendable {
        var count = 0
    }
}
