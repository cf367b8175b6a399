/// What the engine says, as a value: a key and typed arguments. The engine never builds a
/// sentence that a report must parse back; each output renders a message once, at the edge,
/// through the catalogue of its language (`results.json` and SARIF keep the English and carry
/// the key and arguments beside it). Each operator declares its keys in its own file
/// (`extension MessageKey { static let … }`) and lists them in its `messages`.
public struct Message: Sendable, Hashable {
  public let key: MessageKey
  /// The arguments by placeholder name.
  public let arguments: [String: MessageArgument]
  /// The text in English, as the code declares it: rendered once, when the message is made,
  /// because nearly every message is written in English at least once (results.json, SARIF)
  /// and a message nested in another is then not rendered again for each level above it.
  public let english: String

  public init(_ key: MessageKey, _ arguments: [String: MessageArgument] = [:]) {
    self.key = key
    self.arguments = arguments
    var out = ""
    for segment in key.segments {
      out += segment.text
      guard let name = segment.name else { continue }
      if let argument = arguments[name] {
        argument.renderEnglish(into: &out)
      } else {
        out += "{\(name)}"
      }
    }
    english = out
  }

  /// The key's id (`at_least.requirement`).
  public var id: String { key.id }

  /// A sentence kept as written: text read back from a results file that carries no message,
  /// or a value from the inputs (a waiver's reason). Every catalogue renders it unchanged.
  public static func verbatim(_ text: String) -> Message { Message(.verbatim, ["text": .text(text)]) }

  /// Sentences joined in the catalogue's way ("a; b"); one sentence is itself.
  public static func sentences(_ parts: [Message]) -> Message {
    parts.count == 1 ? parts[0] : Message(.sentenceList, ["sentences": .sentences(parts)])
  }

  /// The text with each key's pattern from `catalogue` (the English of the code where it has
  /// none), nested messages rendered the same way.
  public func render(_ catalogue: (String) -> String?) -> String {
    var out = ""
    render(into: &out, catalogue)
    return out
  }

  /// The same, appended to `out`: nested messages write into the one string, not each into its own.
  func render(into out: inout String, _ catalogue: (String) -> String?) {
    Self.fill(catalogue(key.id) ?? key.english, into: &out) { name, out in
      guard let argument = arguments[String(name)] else {
        out += "{\(name)}"
        return
      }
      argument.render(into: &out, catalogue)
    }
  }

  /// Writes `pattern` with each `{name}` replaced by `value`, in one pass (values may hold braces).
  /// The braces are ASCII, so the pattern is scanned as UTF-8 bytes: every result's reason and
  /// every check's message go through here, once per format, and walking it by Characters
  /// (grapheme breaking on each step) was a tenth of a run that writes every format.
  static func fill(_ pattern: String, into out: inout String, _ value: (Substring, inout String) -> Void) {
    let bytes = pattern.utf8
    var start = bytes.startIndex
    while let open = bytes[start...].firstIndex(of: UInt8(ascii: "{")),
      let close = bytes[open...].firstIndex(of: UInt8(ascii: "}"))
    {
      out += pattern[start..<open]
      value(pattern[bytes.index(after: open)..<close], &out)
      start = bytes.index(after: close)
    }
    out += pattern[start...]
  }

  /// Every key this message and the messages nested in it use.
  public var keys: [MessageKey] {
    [key] + arguments.keys.sorted().flatMap { name -> [MessageKey] in
      switch arguments[name] {
      case .message(let inner)?: inner.keys
      case .sentences(let parts)?, .words(let parts, _)?: parts.flatMap(\.keys)
      default: []
      }
    }
  }

  /// The arguments in the order the English pattern names them.
  public var orderedArguments: [(name: String, value: MessageArgument)] {
    key.placeholders.compactMap { name in arguments[name].map { (name, $0) } }
  }
}

extension Message {
  /// Messages are equal when they say the same; a sentence read back as written (from a results
  /// file that has no message for it) equals any message with its text.
  public static func == (a: Message, b: Message) -> Bool {
    if a.key == b.key && a.arguments == b.arguments { return true }
    return (a.key == .verbatim || b.key == .verbatim) && a.english == b.english
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(english) }
}

extension Message: CustomStringConvertible {
  public var description: String { english }
}

extension Message {
  /// The argument `name`, as written into the message.
  public subscript(_ name: String) -> MessageArgument? { arguments[name] }
}

/// A message's identity and its English pattern: `{name}` marks an argument.
public struct MessageKey: Sendable, Hashable {
  /// The key's parts, made once when it is declared and shared by every message that uses it,
  /// so that a message's key is one reference.
  private let storage: Storage

  public var id: String { storage.id }
  public var english: String { storage.english }
  /// The names of the placeholders, in order of first appearance: found once, when the key is
  /// declared, because every message written to results.json lists its arguments in this order.
  public var placeholders: [String] { storage.placeholders }
  /// The English pattern split at its placeholders, as `Message.fill` reads it: each segment's
  /// text, then the placeholder after it (none after the last).
  var segments: [Segment] { storage.segments }

  struct Segment: Sendable {
    let text: String
    let name: String?
  }

  private final class Storage: Sendable {
    let id: String
    let english: String
    let placeholders: [String]
    let segments: [Segment]

    init(id: String, english: String) {
      self.id = id
      self.english = english
      placeholders = MessageKey.placeholders(english)
      var segments: [Segment] = []
      var literal = ""
      Message.fill(english, into: &literal) { name, literal in
        segments.append(Segment(text: literal, name: String(name)))
        literal = ""
      }
      segments.append(Segment(text: literal, name: nil))
      self.segments = segments
    }
  }

  public init(_ id: String, _ english: String) {
    storage = Storage(id: id, english: english)
  }

  public static func == (a: MessageKey, b: MessageKey) -> Bool {
    a.storage === b.storage || (a.id == b.id && a.english == b.english)
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(id) }

  /// The English pattern with each `{name}` replaced by `replacement(name)` (SARIF's `{0}`).
  public func pattern(_ replacement: (String) -> String) -> String {
    var out = ""
    Message.fill(english, into: &out) { name, out in out += replacement(String(name)) }
    return out
  }

  /// The names in braces in `pattern`, in order of first appearance.
  public static func placeholders(_ pattern: String) -> [String] {
    var names: [String] = []
    var out = ""
    Message.fill(pattern, into: &out) { name, _ in
      if !names.contains(String(name)) { names.append(String(name)) }
    }
    return names
  }

  /// Every key the engine and its operators use, by id: what a catalogue must translate.
  public static var all: [MessageKey] { MessageCatalogue.keys }

  /// The key with this id, for messages read back from results.
  public static func registered(_ id: String) -> MessageKey? { MessageCatalogue.byID[id] }

  static let verbatim = MessageKey("message.verbatim", "{text}")
  static let sentenceList = MessageKey("message.sentences", "{sentences}")
  static let joinOr = MessageKey("join.or", "or")
  static let joinAnd = MessageKey("join.and", "and")
  static let joinNor = MessageKey("join.nor", "nor")
  static let sentenceSeparator = MessageKey("join.sentences", "; ")
  static let listSeparator = MessageKey("join.list", ", ")
}

/// One argument of a message. Values from the inputs are bounded by the one `Bounded` rule when
/// the message is made (`value(_:)`), so no message quotes a value whole.
public indirect enum MessageArgument: Sendable, Hashable {
  /// A value from the inputs as written, bounded and made visible.
  case text(String)
  /// A capability path with `{counterparty}` filled, and the template it was filled from.
  case path(String, template: String?)
  /// A platform or counterparty id.
  case platform(String)
  /// A scale, by name.
  case scale(String)
  /// A date (YYYY-MM-DD).
  case date(String)
  case count(Int)
  /// Values joined as a list: "'a', 'b' or 'c'".
  case list([String], joiner: Joiner)
  /// Words of the catalogue joined as a list: "test, filing or report".
  case words([Message], joiner: Joiner)
  /// A message within the message (a reason composed of parts).
  case message(Message)
  /// Sentences joined: "a; b".
  case sentences([Message])

  /// The word that joins a list's last value.
  public enum Joiner: String, Sendable, Hashable {
    case or, and, nor

    var key: MessageKey {
      switch self {
      case .or: .joinOr
      case .and: .joinAnd
      case .nor: .joinNor
      }
    }
  }

  /// A value from the inputs, bounded at `Bounded.maxQuoted` characters and made visible.
  public static func value(_ text: String) -> MessageArgument { .text(Bounded.quote(text)) }

  /// A path as read, with its template when the two differ.
  public static func path(_ filled: String, of template: CapabilityPath?) -> MessageArgument {
    let template = template?.description
    return .path(filled, template: template == filled ? nil : template)
  }

  /// A path that is its own template.
  public static func path(_ path: CapabilityPath) -> MessageArgument { .path(path.description, template: nil) }

  /// A level list or other fixed values, joined with commas.
  public static func levels(_ levels: [String]) -> MessageArgument { .text(levels.joined(separator: ", ")) }

  /// The argument in the code's English: nested messages give the English they already hold.
  func renderEnglish(into out: inout String) {
    switch self {
    case .text(let s), .platform(let s), .scale(let s), .date(let s), .path(let s, _): out += s
    case .count(let n): out += String(n)
    case .list(let values, let joiner): Self.join(values, comma: MessageKey.listSeparator.english,
      word: joiner.key.english, into: &out)
    case .words(let words, let joiner): Self.join(words.map(\.english), comma: MessageKey.listSeparator.english,
      word: joiner.key.english, into: &out)
    case .message(let inner): out += inner.english
    case .sentences(let parts):
      for (i, part) in parts.enumerated() {
        if i > 0 { out += MessageKey.sentenceSeparator.english }
        out += part.english
      }
    }
  }

  /// "a, b or c": the values before the last joined by `comma`, the last after ` word `.
  private static func join(_ values: [String], comma: String, word: String, into out: inout String) {
    guard let last = values.last, values.count > 1 else {
      out += values.first ?? ""
      return
    }
    out += values.dropLast().joined(separator: comma)
    out += " " + word + " "
    out += last
  }

  func render(into out: inout String, _ catalogue: (String) -> String?) {
    switch self {
    case .text(let s), .platform(let s), .scale(let s), .date(let s), .path(let s, _): out += s
    case .count(let n): out += String(n)
    case .list(let values, let joiner):
      Self.join(values, comma: catalogue(MessageKey.listSeparator.id) ?? MessageKey.listSeparator.english,
        word: catalogue(joiner.key.id) ?? joiner.key.english, into: &out)
    case .words(let words, let joiner):
      let rendered = words.map { $0.render(catalogue) }
      MessageArgument.list(rendered, joiner: joiner).render(into: &out, catalogue)
    case .message(let inner): inner.render(into: &out, catalogue)
    case .sentences(let parts):
      let separator = catalogue(MessageKey.sentenceSeparator.id) ?? MessageKey.sentenceSeparator.english
      for (i, part) in parts.enumerated() {
        if i > 0 { out += separator }
        part.render(into: &out, catalogue)
      }
    }
  }

  /// Arguments are equal when results.json writes them alike: a scale, a date or a platform read
  /// back from results is text.
  public static func == (a: MessageArgument, b: MessageArgument) -> Bool {
    switch (a, b) {
    case (.count(let x), .count(let y)): x == y
    case (.path(let p, let t), .path(let q, let u)): p == q && t == u
    case (.list(let x, let j), .list(let y, let k)): x == y && j == k
    case (.words(let x, let j), .words(let y, let k)): x == y && j == k
    case (.message(let x), .message(let y)): x == y
    case (.sentences(let x), .sentences(let y)): x == y
    default: a.plain != nil && a.plain == b.plain
    }
  }

  public func hash(into hasher: inout Hasher) {
    switch self {
    case .count(let n): hasher.combine(n)
    case .path(let p, let t): hasher.combine(p); hasher.combine(t)
    case .list(let x, let j): hasher.combine(x); hasher.combine(j)
    case .words(let x, let j): hasher.combine(x); hasher.combine(j)
    case .message(let m): hasher.combine(m)
    case .sentences(let parts): hasher.combine(parts)
    case .text(let s), .platform(let s), .scale(let s), .date(let s): hasher.combine(s)
    }
  }

  /// The text of a plain argument (text, platform, scale, date).
  private var plain: String? {
    switch self {
    case .text(let s), .platform(let s), .scale(let s), .date(let s): s
    default: nil
    }
  }

  /// The argument as English text, as SARIF's positional arguments carry it.
  public var english: String {
    var out = ""
    renderEnglish(into: &out)
    return out
  }
}

// MARK: - JSON

/// In results: `{"id": "at_least.requirement", "arguments": {"level": "mid", "scale": "level"}}`.
/// A path is `{"path": P, "template": T}` (the template when it differs), a list
/// `{"list": [...], "joiner": "or"}`, a nested message an object with `id`, sentences an array.
extension Message: Codable {
  /// The message as JSON, arguments in the order of the English pattern.
  public var json: JSONValue {
    .object([
      ("id", .string(id)),
      ("arguments", .object(orderedArguments.map { ($0.name, $0.value.json) })),
    ])
  }

  public func encode(to encoder: any Encoder) throws { try json.encode(to: encoder) }

  public init(from decoder: any Decoder) throws {
    let tree = try DecodedJSON(from: decoder)
    guard let message = Message(json: tree) else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
        debugDescription: "expected a message: {\"id\": …, \"arguments\": {…}}"))
    }
    self = message
  }

  /// A message read back from results; `nil` when its id is not one this build knows.
  init?(json: DecodedJSON) {
    guard case .object(let fields) = json, case .string(let id)? = fields["id"],
      let key = MessageKey.registered(id) ?? (id == MessageKey.verbatim.id ? .verbatim : nil)
        ?? (id == MessageKey.sentenceList.id ? .sentenceList : nil)
    else { return nil }
    var arguments: [String: MessageArgument] = [:]
    if case .object(let values)? = fields["arguments"] {
      for (name, value) in values {
        guard let argument = MessageArgument(json: value) else { return nil }
        arguments[name] = argument
      }
    }
    self.init(key, arguments)
  }
}

extension MessageArgument {
  /// The argument as results write it.
  public var json: JSONValue {
    switch self {
    case .text(let s), .platform(let s), .scale(let s), .date(let s): .string(s)
    case .count(let n): .int(n)
    case .path(let p, let template):
      .object([("path", .string(p))] + (template.map { [("template", .string($0))] } ?? []))
    case .list(let values, let joiner):
      .object([("list", .array(values.map { .string($0) })), ("joiner", .string(joiner.rawValue))])
    case .words(let words, let joiner):
      .object([("list", .array(words.map(\.json))), ("joiner", .string(joiner.rawValue))])
    case .message(let inner): inner.json
    case .sentences(let parts): .array(parts.map(\.json))
    }
  }

  init?(json: DecodedJSON) {
    switch json {
    case .string(let s): self = .text(s)
    case .number(let n): self = .count(n)
    case .array(let items):
      var parts: [Message] = []
      for item in items {
        guard let part = Message(json: item) else { return nil }
        parts.append(part)
      }
      self = .sentences(parts)
    case .object(let fields):
      if case .string(let p)? = fields["path"] {
        if case .string(let t)? = fields["template"] { self = .path(p, template: t) } else { self = .path(p, template: nil) }
      } else if case .array(let items)? = fields["list"] {
        let joiner: Joiner
        if case .string(let j)? = fields["joiner"], let known = Joiner(rawValue: j) { joiner = known } else { joiner = .or }
        let words = items.compactMap { Message(json: $0) }
        if !items.isEmpty, words.count == items.count {
          self = .words(words, joiner: joiner)
        } else {
          self = .list(items.compactMap { if case .string(let s) = $0 { s } else { nil } }, joiner: joiner)
        }
      } else if let inner = Message(json: json) {
        self = .message(inner)
      } else {
        return nil
      }
    case .other: return nil
    }
  }
}

/// A JSON tree as a results file holds it, for reading messages back.
indirect enum DecodedJSON: Decodable {
  case string(String)
  case number(Int)
  case array([DecodedJSON])
  case object([String: DecodedJSON])
  case other

  init(from decoder: any Decoder) throws {
    if let keyed = try? decoder.container(keyedBy: Name.self) {
      var fields: [String: DecodedJSON] = [:]
      for key in keyed.allKeys { fields[key.stringValue] = try keyed.decode(DecodedJSON.self, forKey: key) }
      self = .object(fields)
    } else if var list = try? decoder.unkeyedContainer() {
      var items: [DecodedJSON] = []
      while !list.isAtEnd { items.append(try list.decode(DecodedJSON.self)) }
      self = .array(items)
    } else {
      let single = try decoder.singleValueContainer()
      if let s = try? single.decode(String.self) {
        self = .string(s)
      } else if let n = try? single.decode(Int.self) {
        self = .number(n)
      } else {
        self = .other
      }
    }
  }

  private struct Name: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }
}
