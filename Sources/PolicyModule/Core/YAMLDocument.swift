internal import CYaml
import Yams

/// A YAML file (parameters, scenarios) read into a Yams node, within bounds checked before
/// anything is built from it.
///
/// Yams composes a document recursively and resolves an alias by sharing its anchor's node, so
/// a few hundred bytes of nested aliases (a "billion laughs") compose quickly but expand to
/// billions of nodes when walked, and deep nesting overflows the stack. So the document is
/// first read as libyaml's event stream — flat, no recursion, nothing kept but a size per
/// anchor — and refused if it nests more than ``maximumDepth`` deep, uses more than
/// ``maximumAliases`` aliases, or would expand (every alias counted as a copy of its anchor's
/// node) to more than ``maximumNodes`` nodes. Only then does Yams compose it.
enum YAMLDocument {
    /// How deep mappings and sequences may nest.
    static let maximumDepth = 64
    /// How many aliases (`*name`) a document may use.
    static let maximumAliases = 10_000
    /// How many nodes (scalars, mappings, sequences) a document may have with its aliases expanded.
    static let maximumNodes = 1_000_000

    /// Why a document was not read.
    enum Failure: Error, CustomStringConvertible {
        /// Not YAML: Yams' message.
        case syntax(String)
        /// Beyond one of the bounds.
        case tooLarge(String)

        var description: String {
            switch self {
            case .syntax(let message): return Vocabulary.message("error.yaml", message)
            case .tooLarge(let message): return message
            }
        }
    }

    /// The root node of `text` (nil for an empty document).
    static func compose(_ text: String) throws(Failure) -> Node? {
        try checkBounds(text)
        do {
            return try Yams.compose(yaml: text)
        } catch {
            // Its first line: Yams goes on to quote the offending line, which may be megabytes.
            throw .syntax(String("\(error)".prefix { $0 != "\n" }))
        }
    }

    /// Reads `text` as events and throws if it is beyond the bounds or is not YAML.
    ///
    /// - Complexity: O(*n*) in the length of the text, and memory for one size per anchor.
    static func checkBounds(_ text: String) throws(Failure) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { throw .syntax(Vocabulary.message("error.yaml_start")) }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(text.utf8)
        let problem = bytes.withUnsafeBufferPointer { buffer -> Failure? in
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var anchorSizes: [String: Int] = [:]
            var open: [(anchor: String?, nodesBefore: Int)] = []  // the collections being read
            var nodes = 0  // with every alias expanded
            var aliases = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return syntaxFailure(parser) }
                defer { yaml_event_delete(&event) }
                let line = Int(event.start_mark.line) + 1
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_SCALAR_EVENT:
                    nodes += 1
                    if let anchor = string(event.data.scalar.anchor) { anchorSizes[anchor] = 1 }
                case YAML_ALIAS_EVENT:
                    aliases += 1
                    guard aliases <= maximumAliases else { return .tooLarge(Vocabulary.message("error.yaml_aliases", String(maximumAliases), String(line))) }
                    nodes += string(event.data.alias.anchor).flatMap { anchorSizes[$0] } ?? 1
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    guard open.count < maximumDepth else { return tooDeep(line) }
                    let anchor = event.type == YAML_SEQUENCE_START_EVENT
                        ? string(event.data.sequence_start.anchor) : string(event.data.mapping_start.anchor)
                    open.append((anchor, nodes))
                    nodes += 1
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    if let (anchor, before) = open.popLast(), let anchor { anchorSizes[anchor] = nodes - before }
                default:
                    continue  // stream and document starts and ends
                }
                guard nodes <= maximumNodes else {
                    return .tooLarge(Vocabulary.message("error.yaml_nodes", String(maximumNodes), String(line)))
                }
            }
        }
        if let problem { throw problem }
    }

    private static func tooDeep(_ line: Int) -> Failure {
        .tooLarge(Vocabulary.message("error.yaml_depth", String(maximumDepth), String(line)))
    }

    /// libyaml's error, without quoting the text. Its own nesting limit (1,000 levels, which
    /// it may meet before the first event when it reads ahead) reads as ours.
    private static func syntaxFailure(_ parser: yaml_parser_t) -> Failure {
        let line = Int(parser.problem_mark.line) + 1
        let problem = parser.problem.map { String(cString: $0) } ?? Vocabulary.message("error.yaml_problem.unreadable")
        if problem.hasPrefix("Maximum nesting level") { return tooDeep(line) }
        // libyaml's words (`while parsing a flow sequence`, `did not find expected key`) are
        // templates of their own in the vocabulary, so that a Chinese user reads them too.
        let described = parser.context.map { Vocabulary.message("error.yaml_while", String(String(cString: $0).dropFirst("while ".count)), problem) } ?? problem
        return .syntax(Vocabulary.message("error.yaml_at", described, String(line), String(Int(parser.problem_mark.column) + 1)))
    }

    private static func string(_ characters: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        characters.map { String(cString: $0) }
    }
}
