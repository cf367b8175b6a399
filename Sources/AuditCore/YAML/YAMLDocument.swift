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

  struct Storage {
    var kinds: [Kind] = []
    var styles: [ScalarStyle] = []
    var lines: [UInt32] = []
    var columns: [UInt32] = []
    /// Scalars: index into `strings`. Collections: start index into `children`.
    var payload: [Int32] = []
    /// Collections: number of entries in `children` (mappings hold key, value, key, value, ...).
    var counts: [Int32] = []
    var strings: [String] = []
    var children: [Int32] = []
    /// Explicit tags, sparse: most nodes have none.
    var tags: [Int32: String] = [:]

    mutating func reserve(_ n: Int) {
      kinds.reserveCapacity(n)
      styles.reserveCapacity(n)
      lines.reserveCapacity(n)
      columns.reserveCapacity(n)
      payload.reserveCapacity(n)
      counts.reserveCapacity(n)
    }

    mutating func append(kind: Kind, style: ScalarStyle, line: UInt32, column: UInt32) -> Int32 {
      let id = Int32(kinds.count)
      kinds.append(kind)
      styles.append(style)
      lines.append(line)
      columns.append(column)
      payload.append(0)
      counts.append(0)
      return id
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
  public var nodeCount: Int { storage.kinds.count }
}

/// A node of a `YAMLDocument`: a scalar, a sequence or a mapping, with its source location.
public struct YAMLNode: Sendable {
  public let document: YAMLDocument
  let id: Int32

  init(document: YAMLDocument, id: Int32) {
    self.document = document
    self.id = id
  }

  private var storage: YAMLDocument.Storage { document.storage }

  public var kind: YAMLDocument.Kind { storage.kinds[Int(id)] }
  public var style: YAMLDocument.ScalarStyle { storage.styles[Int(id)] }
  public var tag: String? { storage.tags[id] }
  public var line: Int { Int(storage.lines[Int(id)]) }
  public var column: Int { Int(storage.columns[Int(id)]) }
  public var location: SourceLocation {
    SourceLocation(file: document.file, line: line, column: column)
  }

  /// The text of a scalar exactly as parsed (quotes removed); `nil` for collections.
  public var text: String? {
    kind == .scalar ? storage.strings[Int(storage.payload[Int(id)])] : nil
  }

  /// The YAML 1.2 core-schema reading of a scalar; `nil` for collections.
  public var scalar: Scalar? {
    guard let text else { return nil }
    return Scalar.resolve(text, style: style, tag: tag)
  }

  /// Whether this is a null scalar (`~`, `null`, or nothing) under the core schema.
  public var isNull: Bool {
    if case .null = scalar { return true }
    return false
  }

  /// The number of entries of a collection (pairs for a mapping); 0 for a scalar.
  public var count: Int {
    switch kind {
    case .scalar: 0
    case .sequence: Int(storage.counts[Int(id)])
    case .mapping: Int(storage.counts[Int(id)]) / 2
    }
  }

  /// The items of a sequence; empty for other kinds.
  public var elements: [YAMLNode] {
    guard kind == .sequence else { return [] }
    let start = Int(storage.payload[Int(id)])
    let n = Int(storage.counts[Int(id)])
    return (start..<start + n).map { YAMLNode(document: document, id: storage.children[$0]) }
  }

  /// The key/value pairs of a mapping in written order; empty for other kinds.
  public var entries: [(key: YAMLNode, value: YAMLNode)] {
    guard kind == .mapping else { return [] }
    let start = Int(storage.payload[Int(id)])
    let n = Int(storage.counts[Int(id)])
    return stride(from: start, to: start + n, by: 2).map {
      (
        YAMLNode(document: document, id: storage.children[$0]),
        YAMLNode(document: document, id: storage.children[$0 + 1])
      )
    }
  }

  /// The value under `key` in a mapping, if any. Keys are compared as written.
  public subscript(key: String) -> YAMLNode? {
    guard kind == .mapping else { return nil }
    let storage = self.storage
    let start = Int(storage.payload[Int(id)])
    let n = Int(storage.counts[Int(id)])
    var i = start
    while i < start + n {
      let k = Int(storage.children[i])
      if storage.kinds[k] == .scalar, storage.strings[Int(storage.payload[k])] == key {
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
