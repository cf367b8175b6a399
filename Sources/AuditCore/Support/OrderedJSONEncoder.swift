import Foundation

/// Encodes `Encodable` values as pretty JSON with keys in declaration order (the order of
/// `CodingKeys`), two-space indents and a final newline: readable and byte-stable.
///
/// It streams: synthesized `encode(to:)` finishes one nested value before it starts the next, so
/// a container is closed as soon as something is written at a shallower depth. (Dictionaries
/// would encode in hash order; the documents written here use none.)
public struct OrderedJSONEncoder {
  public init() {}

  public func encode<T: Encodable>(_ value: T) throws -> Data {
    Data(try encodeToBytes(value))
  }

  public func encodeToString<T: Encodable>(_ value: T) throws -> String {
    String(decoding: try encodeToBytes(value), as: UTF8.self)
  }

  private func encodeToBytes<T: Encodable>(_ value: T) throws -> [UInt8] {
    let writer = JSONStreamWriter()
    try writer.encode(value, depth: 0)
    writer.settle(0)
    writer.out.append(0x0A)
    return writer.out
  }
}

/// The output and the stack of open containers.
private final class JSONStreamWriter {
  var out: [UInt8] = []
  /// Open containers, outermost first: whether each is an object, and how many entries it has.
  private var open: [(object: Bool, count: Int)] = []

  init() { out.reserveCapacity(1 << 20) }

  /// Closes every container deeper than `depth`.
  func settle(_ depth: Int) {
    while open.count > depth {
      let container = open.removeLast()
      if container.count > 0 {
        out.append(0x0A)
        pad(open.count)
      }
      out.append(container.object ? 0x7D : 0x5D)
    }
  }

  /// Starts a container whose entries live at `depth + 1`.
  func begin(object: Bool, depth: Int) {
    settle(depth)
    out.append(object ? 0x7B : 0x5B)
    open.append((object, 0))
  }

  /// Positions the output for the next entry of the container at `depth` (its entries' depth).
  func entry(depth: Int) {
    settle(depth)
    guard depth > 0, depth <= open.count else { return }
    if open[depth - 1].count > 0 { out.append(0x2C) }
    open[depth - 1].count += 1
    out.append(0x0A)
    pad(depth)
  }

  func key(_ key: String, depth: Int) {
    entry(depth: depth)
    string(key)
    out.append(0x3A)
    out.append(0x20)
  }

  func encode<T: Encodable>(_ value: T, depth: Int) throws {
    // Compare metatypes first: a failed dynamic cast per nested value is not cheap.
    if T.self == String.self, let s = value as? String {
      string(s)
    } else if T.self == Int.self, let i = value as? Int {
      literal(String(i))
    } else if T.self == Bool.self, let b = value as? Bool {
      literal(b ? "true" : "false")
    } else if T.self == Double.self, let d = value as? Double {
      number(d)
    } else {
      let encoder = StreamEncoder(writer: self, depth: depth)
      try value.encode(to: encoder)
      if !encoder.wrote { literal("null") }
    }
  }

  func literal(_ text: String) { out.append(contentsOf: text.utf8) }

  func number(_ value: Double) {
    if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
      literal(String(Int(value)))
    } else {
      literal(value.isFinite ? String(value) : "null")
    }
  }

  /// A JSON string with the escapes RFC 8259 requires, plus U+2028/U+2029 for JavaScript.
  func string(_ s: String) {
    out.append(0x22)
    var s = s
    s.withUTF8 { bytes in
      var runStart = 0
      var i = 0
      while i < bytes.count {
        let byte = bytes[i]
        var escape: String?
        switch byte {
        case 0x22: escape = "\\\""
        case 0x5C: escape = "\\\\"
        case 0x0A: escape = "\\n"
        case 0x0D: escape = "\\r"
        case 0x09: escape = "\\t"
        case 0..<0x20:
          let hex = String(byte, radix: 16)
          escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
          escape = bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
        default: break
        }
        if let escape {
          out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
          out.append(contentsOf: escape.utf8)
          i += byte == 0xE2 ? 3 : 1
          runStart = i
        } else {
          i += 1
        }
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
    }
    out.append(0x22)
  }

  private func pad(_ depth: Int) {
    for _ in 0..<(depth * 2) { out.append(0x20) }
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
    writer.literal("null")
  }

  mutating func encode(_ value: String, forKey key: Key) throws {
    writer.key(key.stringValue, depth: depth)
    writer.string(value)
  }

  mutating func encode(_ value: Int, forKey key: Key) throws {
    writer.key(key.stringValue, depth: depth)
    writer.literal(String(value))
  }

  mutating func encode(_ value: Bool, forKey key: Key) throws {
    writer.key(key.stringValue, depth: depth)
    writer.literal(value ? "true" : "false")
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
    writer.literal("null")
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

  mutating func encodeNil() throws { writer.literal("null") }
  mutating func encode(_ value: Bool) throws { writer.literal(value ? "true" : "false") }
  mutating func encode(_ value: String) throws { writer.string(value) }
  mutating func encode(_ value: Double) throws { writer.number(value) }
  mutating func encode(_ value: Int) throws { writer.literal(String(value)) }
  mutating func encode<T: Encodable>(_ value: T) throws { try writer.encode(value, depth: depth) }
}
