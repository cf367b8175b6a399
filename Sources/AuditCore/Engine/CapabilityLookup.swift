/// Reads a value at a `CapabilityPath` in a manifest's capability tree.
public struct Lookup: Sendable {
  /// What is at the path.
  public enum Found: Sendable {
    case value(YAMLNode)
    /// Written as null: recorded as not known.
    case null(YAMLNode)
    /// Absent; `nearest` is the deepest node that exists on the way, for a location.
    case missing(nearest: YAMLNode?)
    /// The path runs into a scalar or a list where it needs a mapping.
    case blocked(YAMLNode, Message)
  }

  public var found: Found
  /// The path with placeholders filled in; `*` where a counterparty fell back to `"*"`.
  public var path: String
  /// Whether a `{counterparty}` segment fell back to the `"*"` entry.
  public var viaWildcard: Bool

  /// The node the lookup ended on, for a source location.
  public var node: YAMLNode? {
    switch found {
    case .value(let n), .null(let n), .blocked(let n, _): n
    case .missing(let n): n
    }
  }
}

enum CapabilityLookup {
  /// Follows `path` from `capabilities`, filling `{platform}` and `{counterparty}`.
  static func lookup(
    _ path: CapabilityPath, in capabilities: YAMLNode?, platform: String, counterparty: String?
  ) -> Lookup {
    var keys: [String] = []
    keys.reserveCapacity(path.segments.count)
    var node = capabilities
    var wildcard = false
    var nearest = capabilities
    for (i, segment) in path.segments.enumerated() {
      let key: String
      switch segment {
      case .key(let k): key = k
      case .platform: key = platform
      case .counterparty:
        guard let counterparty else {
          return Lookup(found: .missing(nearest: nearest), path: path.description, viaWildcard: false)
        }
        key = counterparty
      }
      guard let current = node else {
        keys.append(key)
        return finishMissing(keys, rest: path.segments[(i + 1)...], nearest, wildcard, platform, counterparty)
      }
      if current.isNull {
        keys.append(key)
        return Lookup(found: .null(current), path: joined(keys, rest: path.segments[(i + 1)...], platform, counterparty), viaWildcard: wildcard)
      }
      switch current.kind {
      case .mapping:
        if let child = current[key] {
          keys.append(key)
          node = child
        } else if segment == .counterparty, let star = current["*"] {
          keys.append("*")
          wildcard = true
          node = star
        } else {
          keys.append(key)
          return finishMissing(keys, rest: path.segments[(i + 1)...], current, wildcard, platform, counterparty)
        }
      case .sequence:
        guard let index = Int(key), index >= 0, index < current.count else {
          keys.append(key)
          let full = joined(keys, rest: path.segments[(i + 1)...], platform, counterparty)
          if Int(key) != nil { return Lookup(found: .missing(nearest: current), path: full, viaWildcard: wildcard) }
          return Lookup(found: .blocked(current, .noKey(keys.dropLast().joined(separator: "."), current, key)),
            path: full, viaWildcard: wildcard)
        }
        keys.append(key)
        node = current.elements[index]
      case .scalar:
        keys.append(key)
        let full = joined(keys, rest: path.segments[(i + 1)...], platform, counterparty)
        return Lookup(found: .blocked(current, .noKey(keys.dropLast().joined(separator: "."), current, key)),
          path: full, viaWildcard: wildcard)
      }
      nearest = node
    }
    let full = keys.joined(separator: ".")
    guard let node else { return Lookup(found: .missing(nearest: nearest), path: full, viaWildcard: wildcard) }
    return Lookup(found: node.isNull ? .null(node) : .value(node), path: full, viaWildcard: wildcard)
  }

  private static func finishMissing(
    _ keys: [String], rest: ArraySlice<CapabilityPath.Segment>, _ nearest: YAMLNode?, _ wildcard: Bool,
    _ platform: String, _ counterparty: String?
  ) -> Lookup {
    Lookup(found: .missing(nearest: nearest), path: joined(keys, rest: rest, platform, counterparty), viaWildcard: wildcard)
  }

  private static func joined(
    _ keys: [String], rest: ArraySlice<CapabilityPath.Segment>, _ platform: String, _ counterparty: String?
  ) -> String {
    let tail = rest.map { segment -> String in
      switch segment {
      case .key(let k): k
      case .platform: platform
      case .counterparty: counterparty ?? "{counterparty}"
      }
    }
    return (keys + tail).joined(separator: ".")
  }

  /// Whether a plain dotted path (no placeholders) names a node, for checking evidence paths.
  static func exists(_ dotted: String, in capabilities: YAMLNode) -> Bool {
    var node = capabilities
    for part in dotted.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
      let key = String(Substring(part))
      switch node.kind {
      case .mapping:
        guard let child = node[key] else { return false }
        node = child
      case .sequence:
        guard let index = Int(key), index >= 0, index < node.count else { return false }
        node = node.elements[index]
      case .scalar:
        return false
      }
    }
    return true
  }
}

extension MessageKey {
  static let noKey = MessageKey("lookup.no_key", "'{parent}' is {found}, so it has no key '{key}'")
}

extension Message {
  /// "'a.b' is a list, so it has no key 'c'".
  static func noKey(_ parent: String, _ node: YAMLNode, _ key: String) -> Message {
    Message(.noKey, ["parent": .value(parent), "found": .message(.kind(of: node)), "key": .value(key)])
  }
}
