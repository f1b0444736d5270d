#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PolicyModule

/// A file or stream that could not be read or written: one sentence naming it and the system's
/// reason (`cannot write out.csv: No space left on device`). Exit status 2.
struct FileFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }

    /// `cannot read PATH: REASON`, the reason from `errno`.
    init(cannot verb: String, _ path: String, errno code: Int32 = errno) {
        description = Vocabulary.message("error.cannot_" + verb, path, String(cString: strerror(code)))
    }
}

/// The bytes of one output, produced part by part: `produce` hands each part, in order, to the
/// writer it is given, and stops at the writer's first failure. A batch's rows are rendered a
/// few megabytes at a time as they are written, never held whole.
struct OutputParts {
    let produce: (_ write: ([UInt8]) throws(WriteFailure) -> Void) throws(WriteFailure) -> Void

    /// Parts produced as they are written.
    init(producing produce: @escaping (_ write: ([UInt8]) throws(WriteFailure) -> Void) throws(WriteFailure) -> Void) {
        self.produce = produce
    }

    /// Parts already made.
    init(_ parts: [[UInt8]]) {
        produce = { (write) throws(WriteFailure) in
            for part in parts { try write(part) }
        }
    }
}

/// A write that failed, with its `errno`.
struct WriteFailure: Error {
    let code: Int32
}

/// Whole files read into and written from byte arrays with the system calls, without the copies
/// through `Data` (a loan book is tens of megabytes); every call checked, every failure with
/// the system's reason.
enum FileBytes {
    /// The bytes of the regular file at `path`, sized before it is read (so that a device that
    /// never ends, such as /dev/zero, is refused rather than read forever), and refused if it is
    /// larger than `limit` bytes.
    static func read(regularFile path: String, limit: Int) throws(FileFailure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileFailure(cannot: "read", path) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw FileFailure(cannot: "read", path) }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw FileFailure(Vocabulary.message("error.cannot_read", path, Vocabulary.message("error.not_regular")))
        }
        if status.st_size > limit { throw tooLarge(path, limit) }
        return try readAll(descriptor, path, expected: Int(status.st_size), limit: limit)
    }

    /// The bytes of the file or stream at `path` (`-`: standard input), refused past `limit`
    /// bytes: a regular file by its size, a stream (a pipe, a device) once it has given more.
    static func read(_ path: String, limit: Int) throws(FileFailure) -> [UInt8] {
        let name = path == "-" ? Vocabulary.message("error.standard_input") : path
        let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileFailure(cannot: "read", name) }
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw FileFailure(cannot: "read", name) }
        let regular = status.st_mode & S_IFMT == S_IFREG
        if regular, status.st_size > limit { throw tooLarge(name, limit) }
        return try readAll(descriptor, name, expected: regular ? Int(status.st_size) : 65_536, limit: limit)
    }

    private static func tooLarge(_ name: String, _ limit: Int) -> FileFailure {
        FileFailure(Vocabulary.message("error.cannot_read", name,
            Vocabulary.message(limit >= 1 << 30 ? "error.too_large_split" : "error.too_large", String(limit >> 20))))
    }

    /// Reads to the end: `expected` bytes are reserved (and not cleared first: the reads fill
    /// them); more than `limit` is an error.
    private static func readAll(_ descriptor: Int32, _ name: String, expected: Int, limit: Int) throws(FileFailure) -> [UInt8] {
        var bytes: [UInt8] = []
        var capacity = max(expected, 1) + 1
        while true {
            var failure: Int32?
            var ended = false
            let before = bytes
            bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                count = before.count
                if count > 0 { _ = UnsafeMutableBufferPointer(rebasing: buffer[..<count]).initialize(from: before) }
                while count < buffer.count {
                    let done = systemRead(descriptor, buffer.baseAddress! + count, buffer.count - count)
                    if done < 0, errno == EINTR { continue }
                    if done < 0 { failure = errno }
                    if done <= 0 { ended = true; return }
                    count += done
                }
            }
            if let failure { throw FileFailure(cannot: "read", name, errno: failure) }
            guard bytes.count <= limit else { throw tooLarge(name, limit) }
            if ended { return bytes }
            capacity = bytes.count + min(bytes.count, limit - bytes.count + 1)
        }
    }

    /// Writes all of `bytes` to an open file; the `errno` of the failure, or nil.
    static func write(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
        bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                let done = systemWrite(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if done < 0, errno == EINTR { continue }
                guard done > 0 else { return done == 0 ? EIO : errno }
                written += done
            }
            return nil
        }
    }

    /// Writes `parts` to standard output.
    static func writeToStandardOutput(_ parts: OutputParts) throws(FileFailure) {
        if let code = write(parts, to: STDOUT_FILENO) { throw FileFailure(Vocabulary.message("error.cannot_write_stdout", String(cString: strerror(code)))) }
    }

    /// Writes `parts` one after another as they are produced; nil, or the errno of the first
    /// failure, which stops the producing.
    static func write(_ parts: OutputParts, to descriptor: Int32) -> Int32? {
        do {
            try parts.produce { (part) throws(WriteFailure) in
                if let code = write(part, to: descriptor) { throw WriteFailure(code: code) }
            }
            return nil
        } catch {
            return error.code
        }
    }

    /// Writes `text` to standard error. A failure is ignored: there is nowhere left to report it.
    static func writeToStandardError(_ text: String) {
        _ = write(Array(text.utf8), to: STDERR_FILENO)
    }
}

// The C calls under other names: inside `FileBytes`, `read` and `write` name its own methods.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
