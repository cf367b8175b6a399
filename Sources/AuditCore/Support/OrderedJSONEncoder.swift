import Foundation

/// Encodes `Encodable` values as pretty JSON with keys in declaration order (the order of
/// `CodingKeys`), two-space indents and a final newline: readable, and byte-stable.
public struct OrderedJSONEncoder {
  public init() {}

  public func encode<T: Encodable>(_ value: T) throws -> Data {
    Data(try encodeToString(value).utf8)
  }

  public func encodeToString<T: Encodable>(_ value: T) throws -> String {
    let root = TreeEncoder()
    try value.encode(to: root)
    var out = ""
    out.reserveCapacity(1 << 16)
    root.node.write(into: &out, indent: 0)
    out += "\n"
    return out
  }
}

/// A JSON value under construction; containers share it by reference.
private final class JSONNode {
  enum Content {
    case empty
    case scalar(String)
    case object([(String, JSONNode)])
    case array([JSONNode])
  }

  var content: Content = .empty

  func write(into out: inout String, indent: Int) {
    switch content {
    case .empty: out += "null"
    case .scalar(let text): out += text
    case .object(let pairs):
      if pairs.isEmpty { out += "{}"; return }
      let pad = String(repeating: "  ", count: indent + 1)
      out += "{\n"
      for (i, (key, value)) in pairs.enumerated() {
        out += pad
        out += JSONValue.quote(key)
        out += ": "
        value.write(into: &out, indent: indent + 1)
        out += i == pairs.count - 1 ? "\n" : ",\n"
      }
      out += String(repeating: "  ", count: indent) + "}"
    case .array(let items):
      if items.isEmpty { out += "[]"; return }
      let pad = String(repeating: "  ", count: indent + 1)
      out += "[\n"
      for (i, item) in items.enumerated() {
        out += pad
        item.write(into: &out, indent: indent + 1)
        out += i == items.count - 1 ? "\n" : ",\n"
      }
      out += String(repeating: "  ", count: indent) + "]"
    }
  }

  func append(key: String, _ node: JSONNode) {
    if case .object(var pairs) = content {
      content = .empty
      pairs.append((key, node))
      content = .object(pairs)
    } else {
      content = .object([(key, node)])
    }
  }

  func append(_ node: JSONNode) {
    if case .array(var items) = content {
      content = .empty
      items.append(node)
      content = .array(items)
    } else {
      content = .array([node])
    }
  }

  static func scalar(_ text: String) -> JSONNode {
    let node = JSONNode()
    node.content = .scalar(text)
    return node
  }

  static func number(_ value: Double) -> JSONNode {
    if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return scalar(String(Int(value))) }
    return scalar(value.isFinite ? String(value) : "null")
  }
}

private final class TreeEncoder: Encoder {
  let node = JSONNode()
  var codingPath: [any CodingKey] = []
  var userInfo: [CodingUserInfoKey: Any] = [:]

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    if case .object = node.content {} else { node.content = .object([]) }
    return KeyedEncodingContainer(Keyed<Key>(node: node))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    if case .array = node.content {} else { node.content = .array([]) }
    return Unkeyed(node: node)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer { Single(node: node) }

  static func encode<T: Encodable>(_ value: T) throws -> JSONNode {
    switch value {
    case let s as String: return .scalar(JSONValue.quote(s))
    case let b as Bool: return .scalar(b ? "true" : "false")
    case let i as Int: return .scalar(String(i))
    case let d as Double: return .number(d)
    default:
      let encoder = TreeEncoder()
      try value.encode(to: encoder)
      return encoder.node
    }
  }
}

private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let node: JSONNode
  var codingPath: [any CodingKey] { [] }

  mutating func encodeNil(forKey key: Key) throws { node.append(key: key.stringValue, .scalar("null")) }
  mutating func encode(_ value: Bool, forKey key: Key) throws { node.append(key: key.stringValue, .scalar(value ? "true" : "false")) }
  mutating func encode(_ value: String, forKey key: Key) throws { node.append(key: key.stringValue, .scalar(JSONValue.quote(value))) }
  mutating func encode(_ value: Double, forKey key: Key) throws { node.append(key: key.stringValue, .number(value)) }
  mutating func encode(_ value: Int, forKey key: Key) throws { node.append(key: key.stringValue, .scalar(String(value))) }
  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    node.append(key: key.stringValue, try TreeEncoder.encode(value))
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
    -> KeyedEncodingContainer<NestedKey>
  {
    let child = JSONNode()
    child.content = .object([])
    node.append(key: key.stringValue, child)
    return KeyedEncodingContainer(Keyed<NestedKey>(node: child))
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    let child = JSONNode()
    child.content = .array([])
    node.append(key: key.stringValue, child)
    return Unkeyed(node: child)
  }

  mutating func superEncoder() -> any Encoder {
    let encoder = TreeEncoder()
    node.append(key: "super", encoder.node)
    return encoder
  }

  mutating func superEncoder(forKey key: Key) -> any Encoder {
    let encoder = TreeEncoder()
    node.append(key: key.stringValue, encoder.node)
    return encoder
  }
}

private struct Unkeyed: UnkeyedEncodingContainer {
  let node: JSONNode
  var codingPath: [any CodingKey] { [] }
  var count: Int {
    if case .array(let items) = node.content { return items.count }
    return 0
  }

  mutating func encodeNil() throws { node.append(.scalar("null")) }
  mutating func encode(_ value: Bool) throws { node.append(.scalar(value ? "true" : "false")) }
  mutating func encode(_ value: String) throws { node.append(.scalar(JSONValue.quote(value))) }
  mutating func encode(_ value: Double) throws { node.append(.number(value)) }
  mutating func encode(_ value: Int) throws { node.append(.scalar(String(value))) }
  mutating func encode<T: Encodable>(_ value: T) throws { node.append(try TreeEncoder.encode(value)) }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
    -> KeyedEncodingContainer<NestedKey>
  {
    let child = JSONNode()
    child.content = .object([])
    node.append(child)
    return KeyedEncodingContainer(Keyed<NestedKey>(node: child))
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    let child = JSONNode()
    child.content = .array([])
    node.append(child)
    return Unkeyed(node: child)
  }

  mutating func superEncoder() -> any Encoder {
    let encoder = TreeEncoder()
    node.append(encoder.node)
    return encoder
  }
}

private struct Single: SingleValueEncodingContainer {
  let node: JSONNode
  var codingPath: [any CodingKey] { [] }

  mutating func encodeNil() throws { node.content = .scalar("null") }
  mutating func encode(_ value: Bool) throws { node.content = .scalar(value ? "true" : "false") }
  mutating func encode(_ value: String) throws { node.content = .scalar(JSONValue.quote(value)) }
  mutating func encode(_ value: Double) throws { node.content = JSONNode.number(value).content }
  mutating func encode(_ value: Int) throws { node.content = .scalar(String(value)) }
  mutating func encode<T: Encodable>(_ value: T) throws { node.content = try TreeEncoder.encode(value).content }
}
