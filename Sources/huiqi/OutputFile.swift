#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PolicyModule

/// Writes an output file (`batch -o`, `--summary`) whole or not at all, without ever replacing
/// what is not a regular file or following a link planted by someone else.
///
/// - A regular file (new or existing) is written to a temporary file created next to it with
///   `O_CREAT | O_EXCL | O_NOFOLLOW` under an unpredictable name, `.huiqi-tmp-` and 16 random
///   hex digits, given the existing file's permissions (a new file gets 0666 less the umask),
///   flushed to disk, and renamed over the target: a reader sees the old file or the whole new
///   one. The temporary file is removed on every failure and on SIGINT, SIGTERM, SIGHUP and
///   SIGQUIT; only SIGKILL (or a crash of the machine) can leave one behind, and it is then
///   an inert, recognisably named file that may be deleted.
/// - Anything else that exists — a device such as /dev/null, a FIFO, a socket — is opened
///   and written directly, as a shell redirection would: renaming over it would replace the
///   device node itself.
/// - A symbolic link is written through: what it points to is written as above (a regular
///   file is replaced in its own directory, so the link stays), as `>` in a shell would. A link
///   to nothing is refused.
enum OutputFile {
    /// Writes `bytes`, part after part as they are produced, to `path` as described above.
    static func write(_ bytes: OutputParts, to path: String) throws(FileFailure) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            guard errno == ENOENT else { throw FileFailure(cannot: "write", path) }
            var link = stat()
            if lstat(path, &link) == 0 {
                throw FileFailure(Vocabulary.message("error.cannot_write", path, Vocabulary.message("error.symbolic_link")))
            }
            return try replace(path, with: bytes, mode: nil)
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            guard let real = realpath(path, nil) else { throw FileFailure(cannot: "write", path) }
            defer { free(real) }
            try replace(String(cString: real), with: bytes, mode: status.st_mode & 0o777, name: path)
        case S_IFDIR:
            throw FileFailure(Vocabulary.message("error.cannot_write", path, Vocabulary.message("error.is_directory")))
        default:
            try writeInPlace(bytes, to: path)
        }
    }

    /// Writes into a device, FIFO or other non-regular file that exists, without creating or
    /// truncating anything.
    private static func writeInPlace(_ bytes: OutputParts, to path: String) throws(FileFailure) {
        let descriptor = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileFailure(cannot: "write", path) }
        if let code = FileBytes.write(bytes, to: descriptor) {
            close(descriptor)
            throw FileFailure(cannot: "write", path, errno: code)
        }
        guard close(descriptor) == 0 else { throw FileFailure(cannot: "write", path) }
    }

    /// Replaces the regular file `target` (or creates it) through a temporary file in its
    /// directory; `mode`: the permissions to give it, nil for a new file's default. `name` is
    /// the path as the user wrote it, for messages.
    private static func replace(_ target: String, with bytes: OutputParts, mode: mode_t?, name: String? = nil) throws(FileFailure) {
        let name = name ?? target
        let directory = target.lastIndex(of: "/").map { String(target[...$0]) } ?? ""
        var temporary = ""
        var descriptor: Int32 = -1
        for _ in 0..<16 where descriptor < 0 {
            temporary = directory + ".huiqi-tmp-" + String(UInt64.random(in: .min ... .max), radix: 16).leftPadded(to: 16)
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
            guard descriptor >= 0 || errno == EEXIST else { throw FileFailure(cannot: "write", name) }
        }
        guard descriptor >= 0 else { throw FileFailure(cannot: "write", name, errno: EEXIST) }
        let cleanup = TemporaryFileCleanup(temporary)
        defer { cleanup.end() }
        var failure: Int32?
        if let mode, fchmod(descriptor, mode) != 0 { failure = errno }
        if failure == nil { failure = FileBytes.write(bytes, to: descriptor) }
        if failure == nil, fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0, failure == nil { failure = errno }
        if failure == nil, rename(temporary, target) != 0 { failure = errno }
        if let failure {
            unlink(temporary)
            throw FileFailure(cannot: "write", name, errno: failure)
        }
    }
}

extension String {
    /// The string with zeros in front, to `length` characters.
    fileprivate func leftPadded(to length: Int) -> String {
        String(repeating: "0", count: max(0, length - count)) + self
    }
}

/// The temporary file being written, removed if the process is told to stop (SIGINT, SIGTERM,
/// SIGHUP, SIGQUIT) before it is renamed; the signal then does what it would have done.
///
/// The path is kept in memory allocated with `strdup`, so that the handler calls only
/// async-signal-safe functions (`unlink`, `signal`, `raise`).
private final class TemporaryFileCleanup {
    nonisolated(unsafe) private static var path: UnsafeMutablePointer<CChar>?
    private static let signals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    private var previous: [sigaction] = []

    init(_ temporary: String) {
        TemporaryFileCleanup.path = strdup(temporary)
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = { signal in
            if let path = TemporaryFileCleanup.path { unlink(path) }
            Glibc.signal(signal, SIG_DFL)
            raise(signal)
        }
        #else
        action.__sigaction_u.__sa_handler = { signal in
            if let path = TemporaryFileCleanup.path { unlink(path) }
            Darwin.signal(signal, SIG_DFL)
            raise(signal)
        }
        #endif
        sigemptyset(&action.sa_mask)
        for signal in TemporaryFileCleanup.signals {
            var old = sigaction()
            sigaction(signal, &action, &old)
            previous.append(old)
        }
    }

    /// Restores the signals' previous handling; the file has been renamed or removed.
    func end() {
        for (signal, old) in zip(TemporaryFileCleanup.signals, previous) {
            var old = old
            sigaction(signal, &old, nil)
        }
        free(TemporaryFileCleanup.path)
        TemporaryFileCleanup.path = nil
    }
}
