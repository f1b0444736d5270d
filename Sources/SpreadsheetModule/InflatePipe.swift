internal import CZlibChecksum
import Dispatch
import Foundation

/// A ZIP entry inflated on another thread while the caller parses what has been inflated: the
/// chunks pass, in order, through a queue of at most `depth` chunks (so memory stays bounded
/// however large the part). On a machine of two cores this takes inflating and its checksum
/// off the parser's path.
final class InflatePipe: @unchecked Sendable {
    private let lock = NSLock()
    private let items = DispatchSemaphore(value: 0)
    private let spaces: DispatchSemaphore
    // Guarded by `lock`.
    private var queue: [Data] = []
    private var finished: Result<Void, any Error>?
    private var cancelled = false

    init(depth: Int = 4) {
        spaces = DispatchSemaphore(value: depth)
    }

    /// Runs `produce` on another thread; it hands each chunk to `send`, which waits while the
    /// queue is full and throws once the reader has stopped (``cancel()``).
    func start(_ produce: @escaping @Sendable (_ send: (Data) throws -> Void) throws -> Void) {
        DispatchQueue.global().async {
            let result = Result { try produce { chunk in try self.send(chunk) } }
            self.lock.lock()
            self.finished = result
            self.lock.unlock()
            self.items.signal()
        }
    }

    private func send(_ chunk: Data) throws {
        spaces.wait()
        lock.lock()
        defer { lock.unlock() }
        if cancelled { throw Cancelled() }
        queue.append(chunk)
        items.signal()
    }

    /// The next chunk, or nil when the producer is done; its error, if it failed.
    func next() throws -> Data? {
        items.wait()
        lock.lock()
        defer { lock.unlock() }
        if !queue.isEmpty {
            spaces.signal()
            return queue.removeFirst()
        }
        try finished?.get()
        return nil
    }

    /// Stops the producer at its next chunk and waits until it has ended. Every chunk left in
    /// the queue gives its space back: libdispatch traps when a semaphore is released with a
    /// count below the one it started with (found by Fuzz/FuzzWorkbook: a part whose XML broke
    /// off after the whole part had been inflated).
    func cancel() {
        lock.lock()
        cancelled = true
        var returned = queue.count
        queue.removeAll()
        var done = finished != nil
        lock.unlock()
        if !done { spaces.signal() }  // wakes a producer waiting for space, which then stops
        while !done {
            items.wait()
            lock.lock()
            returned += queue.count
            queue.removeAll()
            done = finished != nil
            lock.unlock()
        }
        for _ in 0..<returned { spaces.signal() }
    }

    struct Cancelled: Error {}
}

/// The CRC-32 of a ZIP entry's content, computed by zlib chunk by chunk.
struct Checksum {
    private(set) var value: UInt32 = 0

    mutating func add(_ chunk: Data) {
        chunk.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            var offset = 0
            while offset < bytes.count {
                let count = min(bytes.count - offset, Int(UInt32.max))
                value = UInt32(truncatingIfNeeded: crc32(UInt(value), base.advanced(by: offset).assumingMemoryBound(to: UInt8.self), UInt32(count)))
                offset += count
            }
        }
    }
}

/// A value handed to the inflating thread, which alone uses it until the pipe ends.
struct Handed<Value>: @unchecked Sendable {
    let value: Value
}
