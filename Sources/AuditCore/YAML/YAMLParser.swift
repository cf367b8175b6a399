import CYAML

/// Builds `YAMLDocument`s from bytes with libyaml's event API, checking what libyaml does not:
/// duplicate keys, non-scalar keys, merge keys, recursive aliases, nesting depth and alias expansion.
public enum YAMLParser {
  /// What parsing a file gave: its documents and every problem found.
  public struct Output: Sendable {
    public var documents: [YAMLDocument]
    public var diagnostics: [Diagnostic]
    /// What building the trees took, for tests.
    var work = Work()
  }

  /// The tree builder's work, counted where it is done so that tests can check that it grows
  /// linearly with the input for every shape: timings cannot show that reliably on a busy machine
  /// (`audit-bench --shapes` times the shapes instead).
  struct Work: Sendable {
    /// Node ids copied between the scratch stack and storage: each child once, as its collection
    /// closes, plus every id left on the stack whenever a close moved the stack to a new buffer
    /// (which a slice of it held across the removal once did on every close).
    var elementsMoved = 0
    /// Earlier keys of the same mapping that the duplicate-key check compared a key with.
    var keyComparisons = 0
    /// Node, child and byte slots reserved in storage ahead of the nodes.
    var slotsReserved = 0
  }

  /// Parses every document in `bytes`; a syntax or limit error ends the parse with one diagnostic.
  public static func parse(
    _ bytes: [UInt8], file: String, limits: YAMLLimits = .default
  ) -> Output {
    bytes.withUnsafeBufferPointer { buffer in
      var builder = Builder(file: file, limits: limits, input: buffer)
      builder.run()
      return Output(documents: builder.documents, diagnostics: builder.diagnostics.sorted(), work: builder.work)
    }
  }

  /// Parses a string (tests, rule-pack examples).
  public static func parse(_ text: String, file: String, limits: YAMLLimits = .default) -> Output {
    parse(Array(text.utf8), file: file, limits: limits)
  }
}

private struct Frame {
  var id: Int32
  var scratchStart: Int
  var isMapping: Bool
  var anchored: Bool
  var weight: Int
}

private struct Builder {
  let file: String
  let limits: YAMLLimits
  let input: UnsafeBufferPointer<UInt8>
  var documents: [YAMLDocument] = []
  var diagnostics: [Diagnostic] = []
  private(set) var work = YAMLParser.Work()

  private var storage = YAMLDocument.Storage()
  private var stack: [Frame] = []
  private var scratch: [Int32] = []
  private var anchors: [String: Int32] = [:]
  private var weights: [Int32: Int] = [:]
  private var root: Int32 = -1
  private var expanded = 0

  init(file: String, limits: YAMLLimits, input: UnsafeBufferPointer<UInt8>) {
    self.file = file
    self.limits = limits
    self.input = input
    // Storage is reserved when the first document starts (`startDocument`), once.
  }

  /// Reserves storage for as many nodes as the input could hold (about one per 12 bytes).
  private mutating func reserveForTheInput() {
    let nodes = max(64, input.count / 12)
    let bytes = input.count / 2
    storage.reserve(nodes, bytes: bytes)
    work.slotsReserved += 2 * nodes + bytes
  }

  mutating func run() {
    let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    defer { parser.deallocate() }
    guard yaml_parser_initialize(parser) == 1 else {
      diagnostics.append(Diagnostic(.error, file: file, "out of memory starting the YAML parser"))
      return
    }
    defer { yaml_parser_delete(parser) }
    yaml_parser_set_input_string(parser, input.baseAddress, input.count)
    var event = yaml_event_t()
    while true {
      guard yaml_parser_parse(parser, &event) == 1 else {
        diagnostics.append(syntaxError(parser.pointee))
        return
      }
      let type = event.type
      let ok = handle(&event)
      yaml_event_delete(&event)
      if !ok || type == YAML_STREAM_END_EVENT { return }
    }
  }

  /// Handles one event; returns false when a limit stops the parse.
  private mutating func handle(_ event: inout yaml_event_t) -> Bool {
    let line = UInt32(clamping: event.start_mark.line + 1)
    let column = UInt32(clamping: event.start_mark.column + 1)
    switch event.type {
    case YAML_DOCUMENT_START_EVENT:
      startDocument()
    case YAML_DOCUMENT_END_EVENT:
      if root >= 0 { documents.append(YAMLDocument(file: file, storage: storage, root: root)) }
      storage = YAMLDocument.Storage()
    case YAML_SCALAR_EVENT:
      return scalar(event.data.scalar, line: line, column: column)
    case YAML_SEQUENCE_START_EVENT:
      let start = event.data.sequence_start
      return startCollection(mapping: false, tag: start.tag, anchor: start.anchor, line: line, column: column)
    case YAML_MAPPING_START_EVENT:
      let start = event.data.mapping_start
      return startCollection(mapping: true, tag: start.tag, anchor: start.anchor, line: line, column: column)
    case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
      return endCollection(line: line, column: column)
    case YAML_ALIAS_EVENT:
      return alias(string(event.data.alias.anchor), line: line, column: column)
    default:
      break
    }
    return true
  }

  private mutating func startDocument() {
    storage = YAMLDocument.Storage()
    // Reserve for the whole input once: reserving it again for each of many small documents
    // (`--- a` repeated) made a stream quadratic in memory and time.
    if documents.isEmpty { reserveForTheInput() }
    anchors.removeAll(keepingCapacity: true)
    weights.removeAll(keepingCapacity: true)
    root = -1
    expanded = 0
  }

  /// Stores a scalar's text in the arena and attaches the node.
  private mutating func scalar(_ scalar: yaml_event_s.__Unnamed_union_data.__Unnamed_struct_scalar, line: UInt32, column: UInt32) -> Bool {
    let style: YAMLDocument.ScalarStyle
    switch scalar.style {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
    case YAML_LITERAL_SCALAR_STYLE: style = .literal
    case YAML_FOLDED_SCALAR_STYLE: style = .folded
    default: style = .plain
    }
    let length = Int(scalar.length)
    let id = storage.append(YAMLDocument.Node(
      kind: .scalar, style: style, line: line, column: column,
      payload: Int32(storage.bytes.count), count: Int32(length)))
    if let value = scalar.value, length > 0 {
      storage.bytes.append(contentsOf: UnsafeBufferPointer(start: value, count: length))
    }
    if let tag = scalar.tag { storage.tags[id] = checkedTag(string(tag), scalar: true, line: line, column: column) }
    if let anchor = scalar.anchor {
      anchors[string(anchor)] = id
      weights[id] = 1
    }
    return add(id, weight: 1, line: line, column: column)
  }

  /// Opens a sequence or mapping, refusing nesting past the limit.
  private mutating func startCollection(
    mapping: Bool, tag: UnsafeMutablePointer<yaml_char_t>?, anchor: UnsafeMutablePointer<yaml_char_t>?,
    line: UInt32, column: UInt32
  ) -> Bool {
    guard stack.count < limits.maxDepth else {
      diagnostics.append(
        .error(location(line, column), "nesting is deeper than \(limits.maxDepth) levels",
          hint: "flatten the structure; no file kind needs this depth"))
      return false
    }
    let id = storage.append(YAMLDocument.Node(
      kind: mapping ? .mapping : .sequence, style: .plain, line: line, column: column,
      payload: 0, count: 0))
    if let tag { storage.tags[id] = checkedTag(string(tag), scalar: false, line: line, column: column) }
    if let anchor { anchors[string(anchor)] = id }
    stack.append(Frame(id: id, scratchStart: scratch.count, isMapping: mapping, anchored: anchor != nil, weight: 1))
    expanded += 1
    return checkCounts(line: line, column: column)
  }

  /// Keeps a core-schema tag; any other (`!include`, `!!python/object`) is an error naming it,
  /// since this loader would otherwise read the node as if it were untagged.
  private mutating func checkedTag(_ tag: String, scalar: Bool, line: UInt32, column: UInt32) -> String {
    let core = "tag:yaml.org,2002:"
    let known = scalar ? ["str", "null", "bool", "int", "float"] : ["seq", "map"]
    if tag == "!" || (tag.hasPrefix(core) && known.contains(String(tag.dropFirst(core.count)))) { return tag }
    let shown = tag.hasPrefix(core) ? "!!" + tag.dropFirst(core.count) : tag
    diagnostics.append(
      .error(location(line, column), "unknown tag '\(Bounded.quote(shown))'",
        hint: "only the YAML 1.2 core schema tags (!!str, !!int, !!float, !!bool, !!null, !!seq, !!map) are read"))
    return tag
  }

  /// Closes the innermost collection: its children become contiguous, its keys are checked.
  private mutating func endCollection(line: UInt32, column: UInt32) -> Bool {
    guard let frame = stack.popLast() else { return true }
    // Copy the children out through a buffer pointer and then shrink the scratch array: holding a
    // slice of `scratch` across `removeSubrange` made Swift copy the whole array on every close,
    // which was quadratic in the number of collections.
    let itemCount = scratch.count - frame.scratchStart
    let scratchBuffer = scratch.withUnsafeBufferPointer { $0.baseAddress }
    storage.nodes[Int(frame.id)].payload = Int32(storage.children.count)
    storage.nodes[Int(frame.id)].count = Int32(itemCount)
    scratch.withUnsafeBufferPointer { buffer in
      storage.children.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[frame.scratchStart...]))
    }
    scratch.removeLast(itemCount)
    work.elementsMoved += itemCount
    // A close that left the stack in another buffer copied every id still on it.
    if scratch.withUnsafeBufferPointer({ $0.baseAddress }) != scratchBuffer { work.elementsMoved += scratch.count }
    if frame.isMapping { checkKeys(of: frame.id) }
    if frame.anchored { weights[frame.id] = frame.weight }
    return add(frame.id, weight: frame.weight, line: line, column: column, counted: true)
  }

  /// Points at the anchor's node, counting its expanded size against the limit.
  private mutating func alias(_ name: String, line: UInt32, column: UInt32) -> Bool {
    guard let target = anchors[name] else {
      diagnostics.append(.error(location(line, column), "alias '*\(name)' has no anchor '&\(name)' before it"))
      return false
    }
    guard let weight = weights[target] else {
      diagnostics.append(
        .error(location(line, column), "alias '*\(name)' refers to a node that contains it",
          hint: "recursive structures are not allowed"))
      return false
    }
    expanded += weight - 1
    return add(target, weight: weight, line: line, column: column)
  }

  /// Attaches a finished node to its parent (or makes it the root), counting expanded size.
  private mutating func add(
    _ id: Int32, weight: Int, line: UInt32, column: UInt32, counted: Bool = false
  ) -> Bool {
    if !counted { expanded += 1 }
    if stack.isEmpty {
      if root < 0 { root = id }
    } else {
      scratch.append(id)
      stack[stack.count - 1].weight += weight
    }
    return checkCounts(line: line, column: column)
  }

  private mutating func checkCounts(line: UInt32, column: UInt32) -> Bool {
    if storage.nodes.count > limits.maxNodes {
      diagnostics.append(
        .error(
          location(line, column), "the file has more than \(limits.maxNodes) nodes",
          hint: "split it into several files"))
      return false
    }
    if expanded > limits.maxExpandedNodes {
      diagnostics.append(
        .error(
          location(line, column),
          "aliases expand to more than \(limits.maxExpandedNodes) nodes",
          hint: "this looks like an alias bomb (\"billion laughs\"); write the values out"))
      return false
    }
    return true
  }

  /// Reports non-scalar keys, merge keys and duplicate keys of a finished mapping.
  private mutating func checkKeys(of id: Int32) {
    let mapping = storage.nodes[Int(id)]
    let start = Int(mapping.payload)
    let end = start + Int(mapping.count)
    // Small mappings compare keys pairwise; large ones hash them.
    // Keys are compared byte for byte in both cases (never by Unicode canonical equivalence, which
    // `String` hashing uses), so NFC and NFD spellings are different keys whatever the map's size,
    // as they are for lookups.
    // Large ones: an open-addressed table of key ids, hashed over the key's bytes (no copies).
    var table: [Int32] = []
    var mask = 0
    if mapping.count > 32 {
      var capacity = 64
      while capacity < Int(mapping.count) * 2 { capacity *= 2 }
      table = Array(repeating: -1, count: capacity)
      mask = capacity - 1
    }
    var i = start
    while i < end {
      let key = storage.children[i]
      let node = storage.nodes[Int(key)]
      defer { i += 2 }
      guard node.kind == .scalar else {
        diagnostics.append(
          .error(location(node.line, node.column), "mapping keys must be plain strings, not a \(node.kind == .mapping ? "mapping" : "list")"))
        continue
      }
      if node.style == .plain, storage.scalar(key, equals: "<<") {
        diagnostics.append(
          .error(location(node.line, node.column), "merge keys ('<<') are not supported", hint: "write the keys out; YAML 1.2 has no merge key"))
        continue
      }
      var first: Int32?
      if !table.isEmpty {
        var slot = storage.hashText(key) & mask
        while table[slot] >= 0 {
          work.keyComparisons += 1
          if storage.sameText(table[slot], key) {
            first = table[slot]
            break
          }
          slot = (slot + 1) & mask
        }
        if first == nil { table[slot] = key }
      } else {
        var j = start
        while j < i {
          work.keyComparisons += 1
          let other = storage.children[j]
          if storage.nodes[Int(other)].kind == .scalar, storage.sameText(other, key) {
            first = other
            break
          }
          j += 2
        }
      }
      if let first {
        let f = storage.nodes[Int(first)]
        diagnostics.append(
          .error(location(node.line, node.column), Message(.duplicateKey, [
            "key": .text(storage.text(key)), "line": .count(Int(f.line)), "column": .count(Int(f.column)),
          ]), hint: Message(.duplicateKeyHint)))
      }
    }
  }

  private func location(_ line: UInt32, _ column: UInt32) -> SourceLocation {
    SourceLocation(file: file, line: Int(line), column: Int(column))
  }

  private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>) -> String {
    String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
  }

  /// Turns libyaml's error into `path:line:column: error: ...`.
  private func syntaxError(_ parser: yaml_parser_t) -> Diagnostic {
    let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
    if parser.error == YAML_READER_ERROR {
      let where_ = byteLocation(parser.problem_offset)
      var message = problem
      if parser.problem_value >= 0 && problem.contains("UTF-8") {
        message = "invalid UTF-8: \(problem)"
      } else if parser.problem_value >= 0 {
        message = "\(problem) (#x\(String(parser.problem_value, radix: 16, uppercase: true)))"
      }
      return .error(where_, message, hint: "save the file as UTF-8 text")
    }
    if parser.error == YAML_MEMORY_ERROR {
      return Diagnostic(.error, file: file, "out of memory parsing YAML")
    }
    let mark = parser.problem_mark
    var message = "YAML syntax: \(problem)"
    if let context = parser.context.map({ String(cString: $0) }) {
      let c = parser.context_mark
      message += " (\(context) at \(c.line + 1):\(c.column + 1))"
    }
    let line = UInt32(clamping: mark.line + 1)
    return .error(location(line, UInt32(clamping: mark.column + 1)), message, hint: hint(forLine: Int(line)))
  }

  /// Advice for the commonest syntax slip: a `{placeholder}` path inside a `{...}` flow mapping.
  private func hint(forLine line: Int) -> String? {
    var current = 1
    var start = 0
    for i in 0..<input.count where current < line {
      if input[i] == 0x0A {
        current += 1
        start = i + 1
      }
    }
    var end = start
    while end < input.count && input[end] != 0x0A { end += 1 }
    let text = String(decoding: UnsafeBufferPointer(rebasing: input[start..<end]), as: UTF8.self)
    guard text.contains("{counterparty}") || text.contains("{platform}") else { return nil }
    return "inside {...} flow style, quote paths that contain {counterparty}: 'a.{counterparty}.b'"
  }

  /// The line and column (in characters) of a byte offset, for reader errors that give only the offset.
  private func byteLocation(_ offset: Int) -> SourceLocation {
    var line = 1
    var column = 1
    var i = 0
    let end = min(offset, input.count)
    while i < end {
      let byte = input[i]
      if byte == 0x0A {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
      i += 1
    }
    return SourceLocation(file: file, line: line, column: column)
  }
}

extension YAMLParser {
  /// The parser's problems said as messages (the rest are English only).
  static let messages: [MessageKey] = [.duplicateKey, .duplicateKeyHint]
}

extension MessageKey {
  static let duplicateKey = MessageKey("yaml.duplicate_key", "duplicate key '{key}' (first at {line}:{column})")
  static let duplicateKeyHint = MessageKey("yaml.duplicate_key_hint", "YAML keeps only one of them; remove or rename one")
}
