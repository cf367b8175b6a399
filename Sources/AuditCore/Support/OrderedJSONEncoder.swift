import Foundation

/// Encodes `Encodable` values as pretty JSON with keys in declaration order (the order of
/// `CodingKeys`), two-space indents and a final newline: readable and byte-stable.
///
/// It streams: synthesized `encode(to:)` finishes one nested value before it starts the next, so
/// a container is closed as soon as something is written at a shallower depth. (Dictionaries
/// would encode in hash order; the documents written here use none.)
public struct OrderedJSONEncoder: Sendable {
  /// For a results document (results/2): the inputs table that locations point into, written
  /// `[input, line, column]`, and results and checks without their defaults. `nil` writes
  /// locations as objects and every field (diff.json, timeline.json).
  public var inputs: InputTable?
  /// Containers whose entries sit deeper than this are written on one line, without spaces:
  /// results/2 writes one result a line.
  public var compactBelow: Int?

  public init(inputs: InputTable? = nil, compactBelow: Int? = nil) {
    self.inputs = inputs
    self.compactBelow = compactBelow
  }

  private func makeWriter() -> JSONStreamWriter {
    let writer = JSONStreamWriter()
    writer.state.pointee.inputs = inputs
    writer.state.pointee.compactBelow = compactBelow ?? Int.max
    return writer
  }

  /// The JSON as `Data` that owns the writer's buffer: the bytes are not copied.
  public func encode<T: Encodable>(_ value: T) throws -> Data {
    let writer = makeWriter()
    try writer.write(value)
    return writer.state.pointee.out.takeData()
  }

  /// Values as the entries of an array whose entries sit `depth` containers deep, each preceded
  /// by `,`, a newline and its indent: what the array's part of a whole document would be, so
  /// that a document can be written around entries encoded a batch at a time (`JSONSplice`).
  public func encodeEntries<T: Encodable>(_ values: [T], depth: Int) throws -> Data {
    guard !values.isEmpty else { return Data() }
    let writer = makeWriter()
    // Every enclosing container already has an entry, so that each value gets its comma.
    writer.state.pointee.open = (0..<depth).map { (object: $0 < depth - 1, count: 1) }
    writer.state.pointee.out.reserve(values.count * 512)
    for value in values {
      writer.entry(depth: depth)
      try writer.encode(value, depth: depth)
    }
    writer.settle(depth)
    return writer.state.pointee.out.takeData()
  }

  public func encodeToString<T: Encodable>(_ value: T) throws -> String {
    let writer = makeWriter()
    try writer.write(value)
    return writer.state.pointee.out.withBytes { String(decoding: $0, as: UTF8.self) }
  }
}

/// A growable byte buffer in memory from `malloc`, so that the finished output can become a
/// `Data` without a copy. A struct with no class state: appends are plain stores.
struct JSONBytes: JSONByteSink {
  private(set) var base: UnsafeMutablePointer<UInt8>?
  private(set) var count = 0
  private var capacity = 0

  init(capacity: Int) { reserve(capacity) }

  /// Makes room for `extra` more bytes.
  @inline(__always) mutating func reserve(_ extra: Int) {
    guard count + extra > capacity else { return }
    let wanted = max(count + extra, capacity * 2, 4096)
    guard let grown = realloc(base, wanted) else { return }
    base = grown.assumingMemoryBound(to: UInt8.self)
    capacity = wanted
  }

  @inline(__always) mutating func append(_ byte: UInt8) {
    reserve(1)
    guard let base else { return }
    base[count] = byte
    count += 1
  }

  mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
    reserve(bytes.count)
    guard let base else { return }
    (base + count).update(from: source, count: bytes.count)
    count += bytes.count
  }

  mutating func append(_ text: StaticString) {
    append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  /// `n` spaces.
  mutating func spaces(_ n: Int) {
    reserve(n)
    guard let base, n > 0 else { return }
    (base + count).update(repeating: 0x20, count: n)
    count += n
  }

  func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    body(UnsafeBufferPointer(start: base, count: count))
  }

  /// Hands the bytes to a `Data` that frees them; the buffer is empty afterwards.
  mutating func takeData() -> Data {
    guard let base else { return Data() }
    let data = Data(bytesNoCopy: base, count: count, deallocator: .free)
    self.base = nil
    count = 0
    capacity = 0
    return data
  }

  /// Frees the bytes if they were not handed over.
  mutating func free() {
    Foundation.free(base)
    base = nil
    count = 0
    capacity = 0
  }
}

/// What the writer changes as it goes, kept behind a pointer: a class's stored properties would
/// be checked for exclusive access on every append, which cost a tenth of a whole run.
struct JSONWriterState {
  var out = JSONBytes(capacity: 1 << 16)
  /// Open containers, outermost first: whether each is an object, and how many entries it has.
  var open: [(object: Bool, count: Int)] = []
  /// The results/2 inputs table, when writing a results document.
  var inputs: InputTable?
  /// Entries deeper than this go on their container's line.
  var compactBelow = Int.max
}

/// The output and the stack of open containers.
private final class JSONStreamWriter {
  let state: UnsafeMutablePointer<JSONWriterState>

  init() {
    state = .allocate(capacity: 1)
    state.initialize(to: JSONWriterState())
  }

  deinit {
    state.pointee.out.free()
    state.deinitialize(count: 1)
    state.deallocate()
  }

  /// The whole document, closed, with a final newline.
  func write<T: Encodable>(_ value: T) throws {
    try encode(value, depth: 0)
    settle(0)
    state.pointee.out.append(0x0A)
  }

  /// Closes every container deeper than `depth`.
  func settle(_ depth: Int) {
    while state.pointee.open.count > depth {
      let compact = state.pointee.open.count > state.pointee.compactBelow
      let container = state.pointee.open.removeLast()
      if container.count > 0, !compact {
        state.pointee.out.append(0x0A)
        state.pointee.out.spaces(state.pointee.open.count * 2)
      }
      state.pointee.out.append(container.object ? 0x7D : 0x5D)
    }
  }

  /// Starts a container whose entries live at `depth + 1`.
  func begin(object: Bool, depth: Int) {
    settle(depth)
    state.pointee.out.append(object ? 0x7B : 0x5B)
    state.pointee.open.append((object, 0))
  }

  /// Positions the output for the next entry of the container at `depth` (its entries' depth).
  func entry(depth: Int) {
    settle(depth)
    guard depth > 0, depth <= state.pointee.open.count else { return }
    if state.pointee.open[depth - 1].count > 0 { state.pointee.out.append(0x2C) }
    state.pointee.open[depth - 1].count += 1
    guard depth <= state.pointee.compactBelow else { return }
    state.pointee.out.append(0x0A)
    state.pointee.out.spaces(depth * 2)
  }

  func key(_ key: String, depth: Int) {
    entry(depth: depth)
    string(key)
    colon(depth)
  }

  /// `: `, or `:` on a compact line.
  @inline(__always) private func colon(_ depth: Int) {
    state.pointee.out.append(0x3A)
    if depth <= state.pointee.compactBelow { state.pointee.out.append(0x20) }
  }

  func encode<T: Encodable>(_ value: T, depth: Int) throws {
    // Compare metatypes first: a failed dynamic cast per nested value is not cheap.
    if T.self == String.self, let s = value as? String {
      string(s)
    } else if T.self == Int.self, let i = value as? Int {
      integer(i)
    } else if T.self == Bool.self, let b = value as? Bool {
      boolean(b)
    } else if T.self == Double.self, let d = value as? Double {
      number(d)
    } else if T.self == Result.self, let result = value as? Result {
      try write(result, depth: depth)
    } else if T.self == Check.self, let check = value as? Check {
      try write(check, depth: depth)
    } else if T.self == SourceLocation.self, let location = value as? SourceLocation {
      write(location, depth: depth)
    } else if T.self == Message.self, let message = value as? Message {
      write(message, depth: depth)
    } else {
      let encoder = StreamEncoder(writer: self, depth: depth)
      try value.encode(to: encoder)
      if !encoder.wrote { null() }
    }
  }

  // Results, their checks and locations are most of a results.json: they are written field by
  // field, in the order and with the omissions of their synthesized `encode(to:)` (CodingKeys
  // order; nil optionals left out), without a Codable container per value. The goldens and
  // OrderedJSONEncoderTests hold them to the same bytes.

  private func write(_ r: Result, depth: Int) throws {
    begin(object: true, depth: depth)
    let d = depth + 1
    // results/2 leaves out what a reader can take as given: empty lists. The English reason
    // stays beside its message, so that jq and other readers need no catalogue.
    let dense = state.pointee.inputs != nil
    field("obligation", r.obligation, d)
    field("pack", r.pack, d)
    field("platform", r.platform, d)
    if let v = r.counterparty { field("counterparty", v, d) }
    field("status", r.status.rawValue, d)
    field("severity", r.severity.rawValue, d)
    field("reason", r.reason, d)
    try field("reason_message", r.reasonMessage, d)
    if let v = r.location {
      fieldKey("location", depth: d)
      write(v, depth: d)
    }
    if let v = r.upcoming { try field("upcoming", v, d) }
    if let v = r.waiver { try field("waiver", v, d) }
    if let v = r.expiredWaiver { try field("expired_waiver", v, d) }
    if !dense || !r.checks.isEmpty {
      fieldKey("checks", depth: d)
      begin(object: false, depth: d)
      for check in r.checks {
        entry(depth: d + 1)
        try write(check, of: dense ? r : nil, depth: d + 1)
      }
    }
    if !dense || !r.evidence.isEmpty { try field("evidence", r.evidence, d) }
    // `none` is the default of a result that rests on values (one that rests on none has no
    // strength at all): results/2 leaves it out.
    if let v = r.evidenceStrength, !(dense && v == .none && r.checks.contains(where: \.decisive)) {
      field("evidence_strength", v.rawValue, d)
    }
    if let v = r.evidenceObserved { field("evidence_observed", v.description, d) }
    if let v = r.evidenceSource { field("evidence_source", v, d) }
    if let v = r.evidenceShortfall { field("evidence_shortfall", v, d) }
  }

  /// A check; with its `result` (results/2), its platform is left out when it is the result's
  /// own, its `state` when it is `value`, `wildcard` when false, and a message that is the
  /// result's reason is written `""`.
  private func write(_ c: Check, of result: Result? = nil, depth: Int) throws {
    begin(object: true, depth: depth)
    let d = depth + 1
    let platform = result?.platform
    field("path", c.path, d)
    if c.platform != platform { field("platform", c.platform, d) }
    if result == nil || c.state != .value { field("state", c.state.rawValue, d) }
    if let v = c.found { field("found", v, d) }
    field("required", c.required, d)
    field("status", c.status.rawValue, d)
    if let v = c.location {
      fieldKey("location", depth: d)
      write(v, depth: d)
    }
    if let v = c.phase { field("phase", v.label, d) }
    if let v = c.message { field("message", v == result?.reason ? "" : v, d) }
    if platform == nil || c.wildcard {
      fieldKey("wildcard", depth: d)
      boolean(c.wildcard)
    }
    if let v = c.method { field("method", v.rawValue, d) }
    if let v = c.observed { field("observed", v.description, d) }
    if let v = c.source { field("source", v, d) }
    if let v = c.incidental {
      fieldKey("incidental", depth: d)
      boolean(v)
    }
    if let v = c.relation { try field("relation", v, d) }
  }

  /// A message as `Message.json` writes it (`{"id", "arguments"}`, arguments in the order of the
  /// English pattern), without building its JSON tree: every result's reason is one.
  private func write(_ message: Message, depth: Int) {
    begin(object: true, depth: depth)
    let d = depth + 1
    field("id", message.id, d)
    fieldKey("arguments", depth: d)
    begin(object: true, depth: d)
    for name in message.key.placeholders {
      guard let argument = message.arguments[name] else { continue }
      key(name, depth: d + 1)
      write(argument, depth: d + 1)
    }
  }

  private func write(_ argument: MessageArgument, depth: Int) {
    let d = depth + 1
    switch argument {
    case .text(let s), .platform(let s), .scale(let s), .date(let s): string(s)
    case .count(let n): integer(n)
    case .path(let path, let template):
      begin(object: true, depth: depth)
      field("path", path, d)
      if let template { field("template", template, d) }
    case .list(let values, let joiner):
      write(list: values, joiner: joiner, depth: depth) { self.string($0) }
    case .words(let words, let joiner):
      write(list: words, joiner: joiner, depth: depth) { self.write($0, depth: d + 1) }
    case .message(let inner): write(inner, depth: depth)
    case .sentences(let parts):
      begin(object: false, depth: depth)
      for part in parts {
        entry(depth: d)
        write(part, depth: d)
      }
    }
  }

  /// `{"list": [...], "joiner": "or"}`, each item written by `item`.
  private func write<Item>(list: [Item], joiner: MessageArgument.Joiner, depth: Int, _ item: (Item) -> Void) {
    let d = depth + 1
    begin(object: true, depth: depth)
    fieldKey("list", depth: d)
    begin(object: false, depth: d)
    for value in list {
      entry(depth: d + 1)
      item(value)
    }
    field("joiner", joiner.rawValue, d)
  }

  /// An object `{file, line, column}`, or in a results document `[input, line, column]` with
  /// the input's index in the inputs table (its path, for a file that is not an input).
  private func write(_ location: SourceLocation, depth: Int) {
    if let inputs = state.pointee.inputs {
      state.pointee.out.append(0x5B)
      if let index = inputs.index[location.file] { integer(index) } else { string(location.file) }
      state.pointee.out.append(0x2C)
      integer(location.line)
      state.pointee.out.append(0x2C)
      integer(location.column)
      state.pointee.out.append(0x5D)
      return
    }
    begin(object: true, depth: depth)
    field("file", location.file, depth + 1)
    fieldKey("line", depth: depth + 1)
    integer(location.line)
    fieldKey("column", depth: depth + 1)
    integer(location.column)
  }

  private func field(_ name: StaticString, _ value: String, _ depth: Int) {
    fieldKey(name, depth: depth)
    string(value)
  }

  private func field<T: Encodable>(_ name: StaticString, _ value: T, _ depth: Int) throws {
    fieldKey(name, depth: depth)
    try encode(value, depth: depth)
  }

  private func fieldKey(_ name: StaticString, depth: Int) {
    entry(depth: depth)
    state.pointee.out.append(0x22)
    state.pointee.out.append(name)
    state.pointee.out.append(0x22)
    colon(depth)
  }

  func null() { state.pointee.out.append("null") }
  func boolean(_ value: Bool) { state.pointee.out.append(value ? "true" : "false") }
  func integer(_ value: Int) { state.pointee.out.appendDecimal(value) }

  func number(_ value: Double) {
    if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
      integer(Int(value))
    } else if value.isFinite {
      var text = String(value)
      text.withUTF8 { state.pointee.out.append($0) }
    } else {
      null()
    }
  }

  /// A JSON string with the escapes RFC 8259 requires, plus U+2028/U+2029 for JavaScript.
  func string(_ s: String) {
    var s = s
    s.withUTF8 { bytes in JSONEscape.quote(bytes, into: &state.pointee.out) }
  }
}

/// The `Encoder` for one value at one depth.
private final class StreamEncoder: Encoder {
  let writer: JSONStreamWriter
  let depth: Int
  var wrote = false
  var codingPath: [any CodingKey] = []
  var userInfo: [CodingUserInfoKey: Any] = [:]

  init(writer: JSONStreamWriter, depth: Int) {
    self.writer = writer
    self.depth = depth
  }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    if !wrote { writer.begin(object: true, depth: depth) }
    wrote = true
    return KeyedEncodingContainer(StreamKeyed<Key>(writer: writer, depth: depth + 1))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    if !wrote { writer.begin(object: false, depth: depth) }
    wrote = true
    return StreamUnkeyed(writer: writer, depth: depth + 1)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    wrote = true
    return StreamSingle(writer: writer, depth: depth)
  }
}

private struct StreamKeyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let writer: JSONStreamWriter
  /// The depth of this container's entries.
  let depth: Int
  var codingPath: [any CodingKey] { [] }

  mutating func encodeNil(forKey key: Key) throws {
    writer.key(key.stringValue, depth: depth)
    writer.null()
  }

  mutating func encode(_ value: String, forKey key: Key) throws {
    writer.key(key.stringValue, depth: depth)
    writer.string(value)
  }

  mutating func encode(_ value: Int, forKey key: Key) throws {
    writer.key(key.stringValue, depth: depth)
    writer.integer(value)
  }

  mutating func encode(_ value: Bool, forKey key: Key) throws {
    writer.key(key.stringValue, depth: depth)
    writer.boolean(value)
  }

  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    writer.key(key.stringValue, depth: depth)
    try writer.encode(value, depth: depth)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
    -> KeyedEncodingContainer<NestedKey>
  {
    writer.key(key.stringValue, depth: depth)
    writer.begin(object: true, depth: depth)
    return KeyedEncodingContainer(StreamKeyed<NestedKey>(writer: writer, depth: depth + 1))
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    writer.key(key.stringValue, depth: depth)
    writer.begin(object: false, depth: depth)
    return StreamUnkeyed(writer: writer, depth: depth + 1)
  }

  mutating func superEncoder() -> any Encoder {
    writer.key("super", depth: depth)
    return StreamEncoder(writer: writer, depth: depth)
  }

  mutating func superEncoder(forKey key: Key) -> any Encoder {
    writer.key(key.stringValue, depth: depth)
    return StreamEncoder(writer: writer, depth: depth)
  }
}

private struct StreamUnkeyed: UnkeyedEncodingContainer {
  let writer: JSONStreamWriter
  let depth: Int
  private(set) var count = 0
  var codingPath: [any CodingKey] { [] }

  init(writer: JSONStreamWriter, depth: Int) {
    self.writer = writer
    self.depth = depth
  }

  mutating func encodeNil() throws {
    writer.entry(depth: depth)
    writer.null()
    count += 1
  }

  mutating func encode<T: Encodable>(_ value: T) throws {
    writer.entry(depth: depth)
    try writer.encode(value, depth: depth)
    count += 1
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
    -> KeyedEncodingContainer<NestedKey>
  {
    writer.entry(depth: depth)
    writer.begin(object: true, depth: depth)
    count += 1
    return KeyedEncodingContainer(StreamKeyed<NestedKey>(writer: writer, depth: depth + 1))
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    writer.entry(depth: depth)
    writer.begin(object: false, depth: depth)
    count += 1
    return StreamUnkeyed(writer: writer, depth: depth + 1)
  }

  mutating func superEncoder() -> any Encoder {
    writer.entry(depth: depth)
    count += 1
    return StreamEncoder(writer: writer, depth: depth)
  }
}

private struct StreamSingle: SingleValueEncodingContainer {
  let writer: JSONStreamWriter
  let depth: Int
  var codingPath: [any CodingKey] { [] }

  mutating func encodeNil() throws { writer.null() }
  mutating func encode(_ value: Bool) throws { writer.boolean(value) }
  mutating func encode(_ value: String) throws { writer.string(value) }
  mutating func encode(_ value: Double) throws { writer.number(value) }
  mutating func encode(_ value: Int) throws { writer.integer(value) }
  mutating func encode<T: Encodable>(_ value: T) throws { try writer.encode(value, depth: depth) }
}

/// A document encoded with an empty array under `key`, cut where that array's entries go, so
/// that entries encoded elsewhere (`OrderedJSONEncoder.encodeEntries` at `depth + 1`, the first
/// one's leading comma dropped) can be put between the two halves and give the bytes the whole
/// document would have had. `depth` is how many containers hold the key: 1 for a key of the root.
public struct JSONSplice: Sendable {
  /// Up to and including the array's `[`.
  public let head: Data
  /// What follows the empty array's `]`.
  public let tail: Data
  /// The text before `head`'s marker, for a key that is dropped when it has no entries.
  private let withoutKey: Data
  private let depth: Int

  /// Cuts `document` at `"key": []` indented for `depth`; `nil` when it is not there once.
  public init?(_ document: Data, key: String, depth: Int) {
    let marker = Data(("\n" + String(repeating: " ", count: depth * 2) + "\"\(key)\": []").utf8)
    guard let range = document.range(of: marker),
      document.range(of: marker, in: range.upperBound..<document.endIndex) == nil
    else { return nil }
    head = document[..<(range.upperBound - 1)]
    tail = document[range.upperBound...]
    // The entry's comma comes before the marker when the key is not the first of its object.
    let start = range.lowerBound > document.startIndex && document[range.lowerBound - 1] == UInt8(ascii: ",")
      ? range.lowerBound - 1 : range.lowerBound
    withoutKey = document[..<start]
    self.depth = depth
  }

  /// What closes the array after one or more entries: a newline, the key's indent and `]`.
  public var close: Data { Data(("\n" + String(repeating: " ", count: depth * 2) + "]").utf8) }

  /// The empty array's close, for when no entry came.
  public static let emptyClose = Data("]".utf8)

  /// The document without the key at all, for a key that is left out when empty: the text
  /// before it (without its comma) and `tail`.
  public var keyless: [Data] { [withoutKey, tail] }
}
