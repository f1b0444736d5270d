import DecimalModule
import Dispatch
import Testing

/// Values shared between threads: GMP-backed coefficients are copy-on-write, so threads that
/// read one value and change their copies must each see their own, and the shared value must
/// not change. Run under ThreadSanitizer by .ci/run.
@Suite struct ConcurrencyTests {
    /// 10^40 + 7: its coefficient leaves the machine words, so it lives in GMP storage.
    static let shared = try! ExactDecimal(parsing: "10000000000000000000000000000000000000007")

    @Test func threadsChangingCopiesOfOneGMPValueSeeTheirOwn() {
        let threads = 8
        let rounds = 2_000
        let results = SharedResults(count: threads)
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            var copy = ConcurrencyTests.shared
            for _ in 0..<rounds {
                copy += ExactDecimal(thread + 1)  // in place when the storage is uniquely referenced
                _ = copy * ConcurrencyTests.shared  // a read of the shared value while others read it
            }
            results.set(thread, copy)
        }
        #expect(ConcurrencyTests.shared.description == "10000000000000000000000000000000000000007")
        for thread in 0..<threads {
            let expected = try! ExactDecimal(parsing: "10000000000000000000000000000000000000007") + ExactDecimal(rounds * (thread + 1))
            #expect(results.get(thread) == expected)
        }
    }
}

/// One slot per thread, each written by exactly one thread before any is read: a buffer
/// allocated once, so that writers share no array header.
private final class SharedResults: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<ExactDecimal>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: .zero)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func set(_ index: Int, _ value: ExactDecimal) { slots[index] = value }

    func get(_ index: Int) -> ExactDecimal { slots[index] }
}
