/// The scales that rule packs compare capability paths on, found from the leaves whose operators
/// compare on a scale (and the paths they reference), `reciprocal` tests and declared matrices, so that a changed value can be called
/// better or worse ("unblock"/"block") and not merely different.
public struct ScaleIndex: Sendable {
  /// One path template compared on one scale, e.g. `links.inbound.{counterparty}.private_chat`.
  public struct Entry: Sendable {
    public var path: CapabilityPath
    public var scale: Scale
  }

  /// What a concrete path matched: the scale, and the key that stood for `{counterparty}`.
  public struct Match: Sendable, Hashable {
    public var scale: Scale
    public var counterparty: String?
  }

  /// Templates in a stable order: pack id, then the template's text, then the scale's name.
  public let entries: [Entry]

  /// Collects every (path, scale) pair from the packs, each once.
  public init(packs: [RulePack]) {
    var found: [String: Entry] = [:]
    for pack in packs.sorted(by: { $0.id < $1.id }) {
      var local: [Entry] = pack.matrices.map { Entry(path: $0.path, scale: $0.scale) }
      for obligation in pack.obligations.sorted(by: { $0.id < $1.id }) {
        local += obligation.predicates.flatMap(Self.entries(in:))
      }
      for entry in local.sorted(by: { ($0.path.description, $0.scale.name) < ($1.path.description, $1.scale.name) }) {
        let key = "\(entry.path)|\(entry.scale.name)"
        if found[key] == nil { found[key] = entry }
      }
    }
    entries = found.values.sorted {
      ($0.path.description, $0.scale.name) < ($1.path.description, $1.scale.name)
    }
  }

  /// An index over explicit entries, for tests and callers that know their scales.
  public init(entries: [Entry]) { self.entries = entries }

  /// The first template (in `entries` order) that `keys` match, where `{counterparty}` matches any
  /// key and `{platform}` matches `platform`.
  public func match(_ keys: [String], platform: String) -> Match? {
    for entry in entries where entry.path.segments.count == keys.count {
      var counterparty: String?
      let matches = zip(entry.path.segments, keys).allSatisfy { segment, key in
        switch segment {
        case .key(let k): return k == key
        case .platform: return key == platform
        case .counterparty:
          counterparty = key
          return true
        }
      }
      if matches { return Match(scale: entry.scale, counterparty: counterparty) }
    }
    return nil
  }

  /// The (path, scale) pairs a predicate compares on.
  private static func entries(in predicate: Predicate) -> [Entry] {
    switch predicate {
    case .leaf(let leaf):
      guard let scale = leaf.operator.comparedScale else { return [] }
      return ([leaf.path] + leaf.operator.referencedPaths).map { Entry(path: $0, scale: scale) }
    case .all(let parts, _), .any(let parts, _): return parts.flatMap(entries(in:))
    case .not(let inner, _): return entries(in: inner)
    case .reciprocal(let r): return [Entry(path: r.path, scale: r.scale)]
    }
  }
}
