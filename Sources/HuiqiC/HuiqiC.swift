#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DecimalModule
import Foundation
import PolicyModule

// The C interface of include/huiqi.h: a thin layer over the Swift API, in this one file, like
// swift-system's syscall wrappers. Every function catches every error and returns a status
// with a message; every buffer it returns is malloc'ed here and freed by huiqi_free. Nothing
// is shared between calls but immutable values, so every function may be called from any
// thread at any time.

/// Status codes of include/huiqi.h.
enum Status: Int32 {
    case ok = 0
    case argument = 1
    case input = 2
    case parameters = 3
    case file = 4
    case decimal = 5

    init(_ error: PolicyError) {
        switch error {
        case .invalidValue, .missingField: self = .input
        case .noParameterInEffect, .invalidParameters: self = .parameters
        case .unknownMeasure: self = .argument
        }
    }

}

/// A failure to report: its status and message.
struct Failure: Error {
    var status: Status
    var message: String

    init(_ status: Status, _ message: String) {
        self.status = status
        self.message = message
    }

    init(_ error: PolicyError) {
        self.init(Status(error), error.description)
    }
}

public typealias TextOut = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
public typealias LengthOut = UnsafeMutablePointer<Int>

/// A malloc'ed, NUL-terminated copy of `bytes` (which may contain NUL: the length says how many).
private func buffer(_ bytes: some Collection<UInt8>) -> UnsafeMutablePointer<CChar>? {
    guard let memory = malloc(bytes.count + 1)?.assumingMemoryBound(to: UInt8.self) else { return nil }
    var index = 0
    for byte in bytes {
        memory[index] = byte
        index += 1
    }
    memory[index] = 0
    return UnsafeMutableRawPointer(memory).assumingMemoryBound(to: CChar.self)
}

/// Stores `bytes` in `out` (and its length in `length`), or fails when memory is short.
private func give(_ bytes: some Collection<UInt8>, _ out: TextOut?, _ length: LengthOut?) throws(Failure) {
    guard let out else { return }
    guard let copy = buffer(bytes) else { throw Failure(.argument, "out of memory") }
    out.pointee = copy
    length?.pointee = bytes.count
}

/// Runs `body`, turning what it throws into a status and a message in `error`.
private func calling(_ message: TextOut?, _ body: () throws(Failure) -> Void) -> Int32 {
    message?.pointee = nil
    do {
        try body()
        return Status.ok.rawValue
    } catch {
        message?.pointee = buffer(Array(error.message.utf8))
        return error.status.rawValue
    }
}

/// A NUL-terminated UTF-8 argument, refused when null or not UTF-8.
private func text(_ pointer: UnsafePointer<CChar>?, _ name: String) throws(Failure) -> String {
    guard let pointer else { throw Failure(.argument, "\(name) is NULL") }
    guard let value = String(validatingCString: pointer) else { throw Failure(.argument, "\(name) is not UTF-8") }
    return value
}

/// `length` bytes at `pointer`; nil for a null pointer when `optional`.
private func bytes(_ pointer: UnsafePointer<CChar>?, _ length: Int, _ name: String, optional: Bool = false) throws(Failure) -> [UInt8]? {
    guard let pointer else {
        if optional { return nil }
        throw Failure(.argument, "\(name) is NULL")
    }
    guard length >= 0 else { throw Failure(.argument, "\(name): the length is negative") }
    return pointer.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
}

// MARK: Version and parameters

/// The parameter table behind a `huiqi_parameters *`: immutable once made.
final class ParameterHandle: Sendable {
    let table: ParameterTable
    init(_ table: ParameterTable) { self.table = table }
}

private func table(_ handle: OpaquePointer?) throws(Failure) -> ParameterTable {
    guard let handle else { throw Failure(.argument, "parameters is NULL (use huiqi_parameters_bundled)") }
    return Unmanaged<ParameterHandle>.fromOpaque(UnsafeRawPointer(handle)).takeUnretainedValue().table
}

private func handle(_ table: ParameterTable) -> OpaquePointer {
    OpaquePointer(Unmanaged.passRetained(ParameterHandle(table)).toOpaque())
}

nonisolated(unsafe) private let versionText: UnsafeMutablePointer<CChar>? = buffer(Array(Engine.version.utf8))

@_cdecl("huiqi_version")
public func huiqi_version() -> UnsafePointer<CChar>? {
    UnsafePointer(versionText)
}

@_cdecl("huiqi_status_message")
public func huiqi_status_message(_ status: Int32) -> UnsafePointer<CChar>? {
    let name: StaticString
    switch Status(rawValue: status) {
    case .ok: name = "ok"
    case .argument: name = "invalid argument"
    case .input: name = "invalid input"
    case .parameters: name = "parameters"
    case .file: name = "file"
    case .decimal: name = "decimal"
    case nil: name = "unknown status"
    }
    return UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)
}

@_cdecl("huiqi_free")
public func huiqi_free(_ pointer: UnsafeMutableRawPointer?) {
    free(pointer)
}

@_cdecl("huiqi_parameters_bundled")
public func huiqi_parameters_bundled(_ out: UnsafeMutablePointer<OpaquePointer?>?, _ error: TextOut?) -> Int32 {
    calling(error) { () throws(Failure) in
        guard let out else { throw Failure(.argument, "out is NULL") }
        let bundled: ParameterTable
        do throws(PolicyError) {
            bundled = try ParameterTable.bundled()
        } catch {
            throw Failure(error)
        }
        out.pointee = handle(bundled)
    }
}

@_cdecl("huiqi_parameters_overriding")
public func huiqi_parameters_overriding(
    _ base: OpaquePointer?, _ yaml: UnsafePointer<CChar>?, _ length: Int, _ out: UnsafeMutablePointer<OpaquePointer?>?, _ error: TextOut?
) -> Int32 {
    calling(error) { () throws(Failure) in
        guard let out else { throw Failure(.argument, "out is NULL") }
        let base = try table(base)
        guard let file = try bytes(yaml, length, "yaml") else { return }
        guard let text = String(validating: file, as: UTF8.self) else { throw Failure(.parameters, "parameters: the file is not UTF-8") }
        let overrides: ParameterTable
        do throws(PolicyError) {
            overrides = try ParameterTable(yaml: text)
        } catch {
            throw Failure(error)
        }
        out.pointee = handle(base.overriding(with: overrides))
    }
}

@_cdecl("huiqi_parameters_free")
public func huiqi_parameters_free(_ parameters: OpaquePointer?) {
    guard let parameters else { return }
    Unmanaged<ParameterHandle>.fromOpaque(UnsafeRawPointer(parameters)).release()
}

@_cdecl("huiqi_parameters_audit")
public func huiqi_parameters_audit(_ parameters: OpaquePointer?, _ out: TextOut?, _ length: LengthOut?, _ error: TextOut?) -> Int32 {
    calling(error) { () throws(Failure) in
        let audit = try table(parameters).audit
        guard let json = try? JSONValue(encoding: audit) else { throw Failure(.argument, "the audit record could not be written") }
        try give(Array((json.rendered + "\n").utf8), out, length)
    }
}

@_cdecl("huiqi_parameters_list")
public func huiqi_parameters_list(
    _ parameters: OpaquePointer?, _ at: UnsafePointer<CChar>?, _ out: TextOut?, _ length: LengthOut?, _ error: TextOut?
) -> Int32 {
    calling(error) { () throws(Failure) in
        let table = try table(parameters)
        var day: Day?
        if at != nil {
            let written = try text(at, "at")
            do {
                day = try Day(parsing: written)
            } catch {
                throw Failure(.argument, "at: \(error)")
            }
        }
        try give(Array((table.listing(on: day).rendered + "\n").utf8), out, length)
    }
}

@_cdecl("huiqi_measures")
public func huiqi_measures(_ out: TextOut?, _ length: LengthOut?, _ error: TextOut?) -> Int32 {
    calling(error) { () throws(Failure) in
        try give(Array((MeasureRegistry.listing.rendered + "\n").utf8), out, length)
    }
}

// MARK: Calculating

private func measure(_ id: UnsafePointer<CChar>?) throws(Failure) -> AnyMeasure {
    let name = try text(id, "measure")
    do {
        return try MeasureRegistry.measure(name)
    } catch {
        throw Failure(error)
    }
}

@_cdecl("huiqi_calculate")
public func huiqi_calculate(
    _ parameters: OpaquePointer?, _ measureID: UnsafePointer<CChar>?, _ input: UnsafePointer<CChar>?, _ inputLength: Int,
    _ out: TextOut?, _ length: LengthOut?, _ error: TextOut?
) -> Int32 {
    calling(error) { () throws(Failure) in
        let table = try table(parameters)
        let measure = try measure(measureID)
        guard let json = try bytes(input, inputLength, "input") else { return }
        do {
            let input = try InputValue(json: json)
            let result = try measure.calculate(input, table)
            guard let rendered = try? measure.document(input, result: result).rendered else { throw Failure(.input, "the result could not be written") }
            try give(Array((rendered + "\n").utf8), out, length)
        } catch let failure as Failure {
            throw failure
        } catch let error as PolicyError {
            throw Failure(error)
        } catch {
            throw Failure(.input, "\(error)")
        }
    }
}

// MARK: Batch

/// `flags` of huiqi_batch: bit 0, the input is JSON lines; bit 1, the output is JSON lines.
private func formats(_ flags: Int32) throws(Failure) -> (input: Batch.Format, output: Batch.Format) {
    guard flags & ~3 == 0 else { throw Failure(.argument, "flags: unknown bits \(flags & ~3)") }
    return (flags & 1 != 0 ? .jsonl : .csv, flags & 2 != 0 ? .jsonl : .csv)
}

/// Runs a batch and gives its rows, its summary and its report (the counts, totals, row
/// errors, warnings and audit as JSON).
private func runBatch(
    _ parameters: OpaquePointer?, _ measureID: UnsafePointer<CChar>?, input: [UInt8], repayments: [UInt8]?, granted: [UInt8]?,
    formats: (input: Batch.Format, output: Batch.Format), _ rows: TextOut?, _ rowsLength: LengthOut?, _ summary: TextOut?,
    _ summaryLength: LengthOut?, _ report: TextOut?, _ reportLength: LengthOut?
) throws(Failure) {
    let table = try table(parameters)
    let measure = try measure(measureID)
    let batch: Batch
    do {
        batch = try Batch(measure: measure, input: input, format: formats.input, repayments: repayments, granted: granted, parameters: table)
    } catch {
        throw Failure(.file, error.message)
    }
    let audit = (try? JSONValue(encoding: batch.audit)) ?? .null
    let summaryJSON = JSONValue.object([
        ("rows_read", .integer(batch.rowsRead)), ("rows_ok", .integer(batch.rowsOK)),
        ("rows_failed", .integer(batch.rowsFailed)),
        ("totals", .array(batch.totals.map { .object([("column", .string($0.column)), ("total", .string($0.total.description))]) })),
        ("row_errors", .array(batch.rowErrors.map { .object([("line", .integer($0.line)), ("message", .string($0.message))]) })),
        ("warnings", .array(batch.warnings.map { .string($0) })),
        ("audit", audit),
    ])
    try give(batch.rendered(formats.output), rows, rowsLength)
    try give(batch.renderedSummary(formats.output), summary, summaryLength)
    try give(Array((summaryJSON.rendered + "\n").utf8), report, reportLength)
}

@_cdecl("huiqi_batch")
public func huiqi_batch(
    _ parameters: OpaquePointer?, _ measureID: UnsafePointer<CChar>?, _ input: UnsafePointer<CChar>?, _ inputLength: Int,
    _ repayments: UnsafePointer<CChar>?, _ repaymentsLength: Int, _ granted: UnsafePointer<CChar>?, _ grantedLength: Int, _ flags: Int32,
    _ rows: TextOut?, _ rowsLength: LengthOut?, _ summary: TextOut?, _ summaryLength: LengthOut?, _ report: TextOut?,
    _ reportLength: LengthOut?, _ error: TextOut?
) -> Int32 {
    calling(error) { () throws(Failure) in
        guard let input = try bytes(input, inputLength, "input") else { return }
        try runBatch(
            parameters, measureID, input: input, repayments: try bytes(repayments, repaymentsLength, "repayments", optional: true),
            granted: try bytes(granted, grantedLength, "granted", optional: true), formats: try formats(flags), rows, rowsLength, summary,
            summaryLength, report, reportLength)
    }
}

/// The bytes of the regular file at `path`.
private func fileBytes(_ pointer: UnsafePointer<CChar>?, _ name: String) throws(Failure) -> [UInt8]? {
    guard pointer != nil else { return nil }
    let path = try text(pointer, name)
    var status = stat()
    guard stat(path, &status) == 0 else { throw Failure(.file, "\(name): \(path): \(String(cString: strerror(errno)))") }
    guard status.st_mode & S_IFMT == S_IFREG else { throw Failure(.file, "\(name): \(path) is not a regular file") }
    guard let data = FileManager.default.contents(atPath: path) else { throw Failure(.file, "\(name): \(path) cannot be read") }
    return Array(data)
}

@_cdecl("huiqi_batch_files")
public func huiqi_batch_files(
    _ parameters: OpaquePointer?, _ measureID: UnsafePointer<CChar>?, _ inputPath: UnsafePointer<CChar>?,
    _ repaymentsPath: UnsafePointer<CChar>?, _ grantedPath: UnsafePointer<CChar>?, _ flags: Int32, _ rows: TextOut?,
    _ rowsLength: LengthOut?, _ summary: TextOut?, _ summaryLength: LengthOut?, _ report: TextOut?, _ reportLength: LengthOut?,
    _ error: TextOut?
) -> Int32 {
    calling(error) { () throws(Failure) in
        guard inputPath != nil else { throw Failure(.argument, "input is NULL") }
        guard let input = try fileBytes(inputPath, "input") else { return }
        // As `huiqi batch`: JSON lines by the input's extension.
        let path = try text(inputPath, "input")
        let output = try formats(flags & ~1).output
        try runBatch(
            parameters, measureID, input: input, repayments: try fileBytes(repaymentsPath, "repayments"),
            granted: try fileBytes(grantedPath, "granted"),
            formats: (path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") ? .jsonl : .csv, output), rows, rowsLength, summary,
            summaryLength, report, reportLength)
    }
}

// MARK: Exact decimals

private func decimal(_ pointer: UnsafePointer<CChar>?, _ name: String) throws(Failure) -> ExactDecimal {
    let written = try text(pointer, name)
    do {
        return try ExactDecimal(parsing: written)
    } catch {
        throw Failure(.decimal, "\(name): \(error)")
    }
}

private func giveDecimal(_ operation: () throws(DecimalError) -> ExactDecimal, _ out: TextOut?) throws(Failure) {
    let value: ExactDecimal
    do throws(DecimalError) {
        value = try operation()
    } catch {
        throw Failure(.decimal, error.description)
    }
    try give(Array(value.description.utf8), out, nil)
}

@_cdecl("huiqi_decimal_parse")
public func huiqi_decimal_parse(_ text: UnsafePointer<CChar>?, _ out: TextOut?, _ error: TextOut?) -> Int32 {
    calling(error) { () throws(Failure) in try give(Array(try decimal(text, "text").description.utf8), out, nil) }
}

@_cdecl("huiqi_decimal_format")
public func huiqi_decimal_format(_ text: UnsafePointer<CChar>?, _ style: Int32, _ out: TextOut?, _ error: TextOut?) -> Int32 {
    calling(error) { () throws(Failure) in
        let value = try decimal(text, "text")
        let formatted: String
        switch style {
        case 0:
            do throws(DecimalError) {
                formatted = try value.plainDescription()
            } catch {
                throw Failure(.decimal, error.description)
            }
        case 1: formatted = value.grouped
        case 2: formatted = value.engineeringDescription
        default: throw Failure(.argument, "style: \(style) is not HUIQI_FORMAT_PLAIN, _GROUPED or _ENGINEERING")
        }
        try give(Array(formatted.utf8), out, nil)
    }
}

@_cdecl("huiqi_decimal_add")
public func huiqi_decimal_add(_ a: UnsafePointer<CChar>?, _ b: UnsafePointer<CChar>?, _ out: TextOut?, _ error: TextOut?) -> Int32 {
    calling(error) { () throws(Failure) in
        let (x, y) = (try decimal(a, "a"), try decimal(b, "b"))
        try giveDecimal({ () throws(DecimalError) in try x.adding(y) }, out)
    }
}

@_cdecl("huiqi_decimal_subtract")
public func huiqi_decimal_subtract(_ a: UnsafePointer<CChar>?, _ b: UnsafePointer<CChar>?, _ out: TextOut?, _ error: TextOut?) -> Int32 {
    calling(error) { () throws(Failure) in
        let (x, y) = (try decimal(a, "a"), try decimal(b, "b"))
        try giveDecimal({ () throws(DecimalError) in try x.subtracting(y) }, out)
    }
}

@_cdecl("huiqi_decimal_multiply")
public func huiqi_decimal_multiply(_ a: UnsafePointer<CChar>?, _ b: UnsafePointer<CChar>?, _ out: TextOut?, _ error: TextOut?) -> Int32 {
    calling(error) { () throws(Failure) in
        let (x, y) = (try decimal(a, "a"), try decimal(b, "b"))
        try giveDecimal({ () throws(DecimalError) in try x.multiplied(by: y) }, out)
    }
}

@_cdecl("huiqi_decimal_divide")
public func huiqi_decimal_divide(
    _ a: UnsafePointer<CChar>?, _ b: UnsafePointer<CChar>?, _ limit: Int32, _ digits: Int32, _ rounding: UnsafePointer<CChar>?,
    _ out: TextOut?, _ error: TextOut?
) -> Int32 {
    calling(error) { () throws(Failure) in
        let (x, y) = (try decimal(a, "a"), try decimal(b, "b"))
        let name = try text(rounding, "rounding")
        let key = name.replacingOccurrences(of: "_", with: "").lowercased()
        guard let mode = RoundingMode.allCases.first(where: { $0.rawValue.lowercased() == key }) else {
            throw Failure(.argument, "rounding: \"\(name)\" is not one of \(RoundingMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let context: DecimalContext
        switch limit {
        case 0: context = .scale(Int(digits), rounding: mode)
        case 1:
            guard digits >= 1 else { throw Failure(.argument, "digits: a precision is at least 1 (got \(digits))") }
            context = .precision(Int(digits), rounding: mode)
        default: throw Failure(.argument, "limit: \(limit) is not HUIQI_SCALE or HUIQI_PRECISION")
        }
        try giveDecimal({ () throws(DecimalError) in try x.divided(by: y, context) }, out)
    }
}

@_cdecl("huiqi_decimal_compare")
public func huiqi_decimal_compare(
    _ a: UnsafePointer<CChar>?, _ b: UnsafePointer<CChar>?, _ result: UnsafeMutablePointer<Int32>?, _ error: TextOut?
) -> Int32 {
    calling(error) { () throws(Failure) in
        let (x, y) = (try decimal(a, "a"), try decimal(b, "b"))
        guard let result else { throw Failure(.argument, "result is NULL") }
        result.pointee = x < y ? -1 : (x == y ? 0 : 1)
    }
}
