#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole files read into and written from byte arrays with the system calls, without the copies
/// through `Data` (a loan book is tens of megabytes).
enum FileBytes {
    /// The bytes of the regular file at `path`, or nil.
    static func read(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(status.st_size)
        var complete = true
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            while count < size {
                let done = systemRead(descriptor, buffer.baseAddress! + count, size - count)
                guard done > 0 else {
                    complete = false
                    return
                }
                count += done
            }
        }
        return complete ? bytes : nil
    }

    /// Writes all of `bytes` to an open file; false if it could not.
    static func write(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                let done = systemWrite(descriptor, buffer.baseAddress! + written, buffer.count - written)
                guard done > 0 else { return false }
                written += done
            }
            return true
        }
    }
}

// The C calls under other names: inside `FileBytes`, `read` and `write` name its own methods.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
