internal import CLibXML2
import PolicyModule

/// An XML part read as a stream of events by libxml2's push parser, fed in chunks as the ZIP
/// entry inflates (so that a sheet of hundreds of megabytes is never held whole). The one file
/// that talks to libxml2: the readers see element names and attribute values as bytes.
///
/// Entities are not substituted and nothing is fetched from the network; the parser's limits on
/// a single text node or name are relaxed (`XML_PARSE_HUGE`), since a sheet is one long line.
final class XMLStream {
    private let context: xmlParserCtxtPtr
    private let reader: PartReader
    private var handler = xmlSAXHandler()

    init(_ reader: PartReader) {
        self.reader = reader
        handler.initialized = XML_SAX2_MAGIC
        // The reader is kept alive by this stream; the callbacks borrow it without retaining.
        handler.startElementNs = { context, name, _, _, _, _, count, _, attributes in
            guard let context, let name else { return }
            Unmanaged<PartReader>.fromOpaque(context)._withUnsafeGuaranteedRef {
                $0.start(XMLName(name), XMLAttributes(attributes, count: Int(count)))
            }
        }
        handler.endElementNs = { context, name, _, _ in
            guard let context, let name else { return }
            Unmanaged<PartReader>.fromOpaque(context)._withUnsafeGuaranteedRef { $0.end(XMLName(name)) }
        }
        handler.characters = { context, bytes, count in
            guard let context, let bytes else { return }
            Unmanaged<PartReader>.fromOpaque(context)._withUnsafeGuaranteedRef {
                $0.characters(UnsafeBufferPointer(start: bytes, count: Int(count)))
            }
        }
        context = xmlCreatePushParserCtxt(&handler, Unmanaged.passUnretained(reader).toOpaque(), nil, 0, nil)
        xmlCtxtUseOptions(context, Int32(XML_PARSE_HUGE.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue))
    }

    deinit {
        xmlFreeDoc(context.pointee.myDoc)
        xmlFreeParserCtxt(context)
    }

    /// Parses the next chunk of the part; the parser's message at the first error.
    func feed(_ bytes: UnsafeRawBufferPointer) -> String? {
        var offset = 0
        repeat {
            // xmlParseChunk takes an Int32 size.
            let size = min(bytes.count - offset, 1 << 30)
            let base = bytes.baseAddress.map { $0.advanced(by: offset).assumingMemoryBound(to: CChar.self) }
            if xmlParseChunk(context, base, Int32(size), 0) != 0 { return lastError() }
            offset += size
        } while offset < bytes.count
        return nil
    }

    /// Ends the part: the parser's message if the document is not complete and well formed.
    func finish() -> String? {
        xmlParseChunk(context, nil, 0, 1) != 0 || context.pointee.wellFormed == 0 ? lastError() : nil
    }

    private func lastError() -> String {
        guard let error = xmlCtxtGetLastError(context) else { return Vocabulary.message("error.xml_malformed") }
        let message = error.pointee.message.map { String(cString: $0).trimmingSuffix() } ?? Vocabulary.message("error.xml_malformed")
        return Vocabulary.message("error.line", String(error.pointee.line), message)
    }
}

extension String {
    fileprivate func trimmingSuffix() -> String {
        var text = self
        while text.last == "\n" || text.last == " " { text.removeLast() }
        return text
    }
}

/// An element's local name, NUL-terminated UTF-8 owned by the parser for the callback's duration.
struct XMLName {
    let bytes: UnsafePointer<UInt8>

    init(_ bytes: UnsafePointer<UInt8>) { self.bytes = bytes }

    /// Whether the name is `literal` (ASCII).
    func `is`(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        for index in 0..<count where bytes[index] != literal.utf8Start[index] { return false }
        return bytes[count] == 0
    }

    var string: String { String(cString: bytes) }

    /// The name's byte when it is one ASCII letter long (`c`, `v`, `t`, `f`), else 0: lets a
    /// reader tell the elements of a sheet's cells apart with one comparison.
    var single: UInt8 { bytes[0] != 0 && bytes[1] == 0 ? bytes[0] : 0 }
}

/// An element's attributes as libxml2 passes them: for each, five pointers — local name,
/// prefix, namespace, and the value's start and end (the value is not NUL-terminated).
struct XMLAttributes {
    private let base: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
    let count: Int

    init(_ base: UnsafeMutablePointer<UnsafePointer<UInt8>?>?, count: Int) {
        self.base = base
        self.count = count
    }

    /// The value of the attribute with local name `name` (any prefix), as bytes.
    func value(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        guard let base else { return nil }
        for index in 0..<count {
            guard let local = base[index * 5], XMLName(local).is(name), let start = base[index * 5 + 3], let end = base[index * 5 + 4] else {
                continue
            }
            return UnsafeBufferPointer(start: start, count: end - start)
        }
        return nil
    }

    /// Calls `body` with each attribute's local name and value.
    func forEach(_ body: (XMLName, UnsafeBufferPointer<UInt8>) -> Void) {
        guard let base else { return }
        for index in 0..<count {
            guard let local = base[index * 5], let start = base[index * 5 + 3], let end = base[index * 5 + 4] else { continue }
            body(XMLName(local), UnsafeBufferPointer(start: start, count: end - start))
        }
    }

    /// Every attribute by local name (the prefix left out: `r:id` is `id`).
    var dictionary: [String: String] {
        guard let base else { return [:] }
        var values: [String: String] = [:]
        for index in 0..<count {
            guard let local = base[index * 5], let start = base[index * 5 + 3], let end = base[index * 5 + 4] else { continue }
            values[String(cString: local)] = String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
        }
        return values
    }

    /// The value of attribute `name` as text.
    func string(_ name: StaticString) -> String? {
        value(name).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The value of attribute `name` as a non-negative whole number.
    func integer(_ name: StaticString) -> Int? {
        guard let bytes = value(name), !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var number = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            number = number * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return number
    }
}

/// What the readers of a workbook's XML parts share: the three events they read, which each
/// overrides, and the first problem met.
class PartReader {
    var error: String?

    /// Told the part's declared size before it is read (to reserve memory).
    func expect(bytes: Int) {}
    func start(_ name: XMLName, _ attributes: XMLAttributes) {}
    func end(_ name: XMLName) {}
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {}
}
