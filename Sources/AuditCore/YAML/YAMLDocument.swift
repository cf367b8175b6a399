#if canImport(Glibc)
  import Glibc
#endif

/// A parsed YAML document: a compact, immutable tree of nodes that remember where they were written.
///
/// Nodes live in flat arrays; a node is an index. Aliases point at the node of their anchor, so a
/// document is a DAG whose expanded size the parser has already bounded.
public final class YAMLDocument: Sendable {
  /// The kind of a node.
  public enum Kind: UInt8, Sendable {
    case scalar, sequence, mapping
  }

  /// How a scalar was written; quoted scalars are always strings.
  public enum ScalarStyle: UInt8, Sendable {
    case plain, singleQuoted, doubleQuoted, literal, folded
  }

  /// One node: 20 bytes, in one array.
  struct Node {
    var kind: Kind
    var style: ScalarStyle
    var line: UInt32
    var column: UInt32
    /// Scalars: offset of the text in `bytes`. Collections: start index in `children`.
    var payload: Int32
    /// Scalars: length of the text in bytes. Collections: entries in `children`
    /// (mappings hold key, value, key, value, ...).
    var count: Int32
  }

  struct Storage {
    var nodes: [Node] = []
    /// The text of every scalar, back to back (UTF-8).
    var bytes: [UInt8] = []
    var children: [Int32] = []
    /// Explicit tags, sparse: most nodes have none.
    var tags: [Int32: String] = [:]

    mutating func reserve(_ n: Int, bytes byteCount: Int) {
      nodes.reserveCapacity(n)
      bytes.reserveCapacity(byteCount)
      children.reserveCapacity(n)
    }

    mutating func append(_ node: Node) -> Int32 {
      nodes.append(node)
      return Int32(nodes.count - 1)
    }

    func text(_ id: Int32) -> String {
      let node = nodes[Int(id)]
      let start = Int(node.payload)
      return bytes.withUnsafeBufferPointer {
        String(decoding: UnsafeBufferPointer(rebasing: $0[start..<start + Int(node.count)]), as: UTF8.self)
      }
    }

    /// The UTF-8 bytes of scalar `id`, for byte-exact hashing.
    func textBytes(_ id: Int32) -> [UInt8] {
      let node = nodes[Int(id)]
      let start = Int(node.payload)
      return Array(bytes[start..<start + Int(node.count)])
    }

    /// Whether scalar `id` is exactly `key`, compared byte for byte without making a String.
    func scalar(_ id: Int32, equals key: String) -> Bool {
      let node = nodes[Int(id)]
      guard node.kind == .scalar else { return false }
      var key = key
      return key.withUTF8 { keyBytes in
        guard keyBytes.count == Int(node.count) else { return false }
        return bytes.withUnsafeBufferPointer { buffer in
          guard let base = buffer.baseAddress, let keyBase = keyBytes.baseAddress else { return keyBytes.isEmpty }
          return memcmp(base + Int(node.payload), keyBase, keyBytes.count) == 0
        }
      }
    }

    /// A hash of a scalar's bytes (equal for scalars with the same text).
    func hashText(_ id: Int32) -> Int {
      let node = nodes[Int(id)]
      return bytes.withUnsafeBufferPointer { buffer in
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buffer[Int(node.payload)..<Int(node.payload) + Int(node.count)])))
        return hasher.finalize()
      }
    }

    /// Whether two scalars have the same text.
    func sameText(_ a: Int32, _ b: Int32) -> Bool {
      let x = nodes[Int(a)]
      let y = nodes[Int(b)]
      guard x.count == y.count else { return false }
      return bytes.withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return true }
        return memcmp(base + Int(x.payload), base + Int(y.payload), Int(x.count)) == 0
      }
    }
  }

  /// The file the document came from, as given on the command line.
  public let file: String
  let storage: Storage
  let rootID: Int32

  init(file: String, storage: Storage, root: Int32) {
    self.file = file
    self.storage = storage
    self.rootID = root
  }

  /// The top node of the document.
  public var root: YAMLNode { YAMLNode(document: self, id: rootID) }

  /// The number of distinct nodes (aliases are not counted again).
  public var nodeCount: Int { storage.nodes.count }
}

/// A node of a `YAMLDocument`: a scalar, a sequence or a mapping, with its source location.
public struct YAMLNode: Sendable {
  public let document: YAMLDocument
  let id: Int32

  init(document: YAMLDocument, id: Int32) {
    self.document = document
    self.id = id
  }

  private var node: YAMLDocument.Node { document.storage.nodes[Int(id)] }

  public var kind: YAMLDocument.Kind { node.kind }
  public var style: YAMLDocument.ScalarStyle { node.style }
  public var tag: String? { document.storage.tags[id] }
  public var line: Int { Int(node.line) }
  public var column: Int { Int(node.column) }
  public var location: SourceLocation {
    SourceLocation(file: document.file, line: line, column: column)
  }

  /// The text of a scalar exactly as parsed (quotes removed); `nil` for collections.
  public var text: String? {
    kind == .scalar ? document.storage.text(id) : nil
  }

  /// The YAML 1.2 core-schema reading of a scalar; `nil` for collections.
  public var scalar: Scalar? {
    guard let text else { return nil }
    return Scalar.resolve(text, style: style, tag: tag)
  }

  /// Whether this is a null scalar (`~`, `null`, or nothing) under the core schema.
  public var isNull: Bool {
    let node = self.node
    guard node.kind == .scalar, node.style == .plain, node.count <= 4 else { return false }
    if case .null = scalar { return true }
    return false
  }

  /// The number of entries of a collection (pairs for a mapping); 0 for a scalar.
  public var count: Int {
    let node = self.node
    switch node.kind {
    case .scalar: return 0
    case .sequence: return Int(node.count)
    case .mapping: return Int(node.count) / 2
    }
  }

  /// The items of a sequence; empty for other kinds.
  public var elements: [YAMLNode] {
    let node = self.node
    guard node.kind == .sequence else { return [] }
    let start = Int(node.payload)
    let children = document.storage.children
    return (start..<start + Int(node.count)).map { YAMLNode(document: document, id: children[$0]) }
  }

  /// The key/value pairs of a mapping in written order; empty for other kinds.
  public var entries: [(key: YAMLNode, value: YAMLNode)] {
    let node = self.node
    guard node.kind == .mapping else { return [] }
    let start = Int(node.payload)
    let children = document.storage.children
    return stride(from: start, to: start + Int(node.count), by: 2).map {
      (YAMLNode(document: document, id: children[$0]), YAMLNode(document: document, id: children[$0 + 1]))
    }
  }

  /// The value under `key` in a mapping, if any. Keys are compared as written, byte for byte.
  public subscript(key: String) -> YAMLNode? {
    let node = self.node
    guard node.kind == .mapping else { return nil }
    let storage = document.storage
    var i = Int(node.payload)
    let end = i + Int(node.count)
    while i < end {
      if storage.scalar(storage.children[i], equals: key) {
        return YAMLNode(document: document, id: storage.children[i + 1])
      }
      i += 2
    }
    return nil
  }

  /// The key node for `key` in a mapping, for pointing at the key rather than its value.
  public func keyNode(_ key: String) -> YAMLNode? {
    entries.first { $0.key.text == key }?.key
  }

  /// A short name for the kind of this node, for messages ("a mapping", "the string 'x'").
  public var kindDescription: String {
    switch kind {
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .scalar: return scalar?.description ?? "a scalar"
    }
  }
}
