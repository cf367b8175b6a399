/// One capability value that differs between two versions of a platform's manifest.
public struct CapabilityChange: Codable, Sendable, Hashable {
  /// Which way a value moved.
  public enum Kind: String, Codable, Sendable, CaseIterable {
    /// Better on the path's scale (e.g. `blocked → direct`).
    case unblock
    /// Worse on the path's scale.
    case block
    /// Different, with no scale to say better or worse (or a value off the scale).
    case change
    /// From null or absent to a value: our record grew, which need not mean the platform changed.
    case recorded
    /// From a value to null or absent: the newer version no longer records it.
    case unrecorded

    /// The timeline event type: `unblock`, `block`, else `change`.
    public var eventKind: Event.Kind {
      switch self {
      case .unblock: .unblock
      case .block: .block
      case .change, .recorded, .unrecorded: .change
      }
    }
  }

  /// The dotted path into `capabilities`, as written (a `"*"` key stays `*`).
  public var path: String
  /// The key that a scale's `{counterparty}` placeholder matched, when one did.
  public var counterparty: String?
  public var type: Kind
  /// The scale the path is compared on in the loaded rule packs, if any.
  public var scale: String?
  /// The older value in flow style; `nil` unless `beforeState` is `value`.
  public var before: String?
  public var beforeState: Check.State
  public var after: String?
  public var afterState: Check.State
  /// Where the newer value is, or the nearest node above it when it is gone.
  public var location: SourceLocation?
  /// Where the older value was.
  public var previousLocation: SourceLocation?
  /// The newer manifest's evidence for the path (the older one's when the value is gone).
  public var evidence: [Evidence]

  enum CodingKeys: String, CodingKey {
    case path, counterparty, type, scale, before
    case beforeState = "before_state"
    case after
    case afterState = "after_state"
    case location
    case previousLocation = "previous_location"
    case evidence
  }

  /// "links.inbound.taobao.group_chat blocked → direct", with "(first recorded)" or
  /// "(no longer recorded)" when only the record changed.
  public var summary: String { summaryMessage.english }

  /// The change as a message: "p a → b (first recorded)".
  public var summaryMessage: Message {
    let arguments: [String: MessageArgument] = [
      "path": .path(path, template: nil), "before": .text(Self.display(before, beforeState)),
      "after": .text(Self.display(after, afterState)),
    ]
    switch type {
    case .recorded: return Message(.changeRecorded, arguments)
    case .unrecorded: return Message(.changeUnrecorded, arguments)
    default: return Message(.changeValue, arguments)
    }
  }

  /// The messages of a change's summary.
  static let messages: [MessageKey] = [.changeValue, .changeRecorded, .changeUnrecorded]

  /// A value for people: the value, `~` for null, `(none)` when absent.
  public static func display(_ value: String?, _ state: Check.State) -> String {
    switch state {
    case .value: value ?? "(value)"
    case .null: "~"
    case .missing, .blocked: "(none)"
    }
  }
}

/// Lists the capability values that differ between two versions of one platform's manifest.
public enum ManifestChanges {
  /// Every changed leaf from `old` to `new`, in the newer manifest's written order (then the
  /// older one's for keys that are gone). Lists compare whole; a null and an absent value are
  /// both "no value" and do not differ from each other.
  public static func between(_ old: Manifest, _ new: Manifest, scales: ScaleIndex) -> [CapabilityChange] {
    var walker = Walker(old: old, new: new, scales: scales)
    walker.compare(old.capabilities, new.capabilities, keys: [], nearest: new.capabilities)
    return walker.changes
  }

  /// Per platform, the changes of each version from the one before it, oldest first.
  public static func history(_ manifests: [Manifest], scales: ScaleIndex)
    -> [(previous: Manifest, current: Manifest, changes: [CapabilityChange])]
  {
    let byPlatform = Dictionary(grouping: manifests, by: \.id)
    var out: [(Manifest, Manifest, [CapabilityChange])] = []
    for id in byPlatform.keys.sorted() {
      let versions = (byPlatform[id] ?? []).sorted { ($0.asOf, $0.file) < ($1.asOf, $1.file) }
      for (previous, current) in zip(versions, versions.dropFirst()) {
        out.append((previous, current, between(previous, current, scales: scales)))
      }
    }
    return out
  }
}

/// One platform's version compared with the one before it.
public struct VersionPair: Sendable {
  public var platform: String
  public var previousAsOf: Day
  public var asOf: Day
  public var changes: [CapabilityChange]
}

extension ManifestChanges {
  /// Per platform (in id order), the changes of each version from the one before it, each
  /// platform's versions read again from their files one after the other, platforms on every
  /// core: for a workspace that kept no version, so that only two versions per core are in
  /// memory, never the corpus. Also the names of each platform's latest version.
  public static func history(rereading workspace: Workspace, limits: YAMLLimits, scales: ScaleIndex)
    -> (pairs: [VersionPair], names: [String: (name: String?, nameEn: String?)])
  {
    let files = workspace.versionFiles
    let platforms = workspace.versions.sorted { $0.key < $1.key }
    let perPlatform = parallelMap(platforms) { platform -> ([VersionPair], String?, String?) in
      let (id, days) = (platform.key, platform.value)
      var pairs: [VersionPair] = []
      var previous: Manifest?
      for day in days {
        guard let path = files[id]?[day],
          let current = HistoryLoader.read(path, limits: limits).first(where: { $0.id == id && $0.asOf == day })
        else { continue }
        if let previous {
          pairs.append(VersionPair(platform: id, previousAsOf: previous.asOf, asOf: current.asOf,
            changes: between(previous, current, scales: scales)))
        }
        previous = current
      }
      return (pairs, previous?.name, previous?.nameEn)
    }
    var names: [String: (name: String?, nameEn: String?)] = [:]
    for ((id, _), (_, name, nameEn)) in zip(platforms, perPlatform) { names[id] = (name, nameEn) }
    return (perPlatform.flatMap { $0.0 }, names)
  }

  /// `history(_:scales:)` as version pairs, for a workspace that kept every version.
  static func pairs(_ manifests: [Manifest], scales: ScaleIndex) -> [VersionPair] {
    history(manifests, scales: scales).map {
      VersionPair(platform: $0.current.id, previousAsOf: $0.previous.asOf, asOf: $0.current.asOf, changes: $0.changes)
    }
  }
}

/// Walks two capability trees side by side.
private struct Walker {
  let old: Manifest
  let new: Manifest
  let scales: ScaleIndex
  var changes: [CapabilityChange] = []

  init(old: Manifest, new: Manifest, scales: ScaleIndex) {
    self.old = old
    self.new = new
    self.scales = scales
  }

  mutating func compare(_ a: YAMLNode?, _ b: YAMLNode?, keys: [String], nearest: YAMLNode?) {
    let aMap = a.map { $0.kind == .mapping } ?? false
    let bMap = b.map { $0.kind == .mapping } ?? false
    if aMap || bMap {
      if !(aMap && bMap) {
        // A mapping on one side only: the other side's scalar or list is a leaf here.
        leaf(aMap ? nil : a, bMap ? nil : b, keys: keys, nearest: nearest)
      }
      for key in Self.keys(aMap ? a : nil, bMap ? b : nil) {
        let child = bMap ? b?[key] : nil
        compare(aMap ? a?[key] : nil, child, keys: keys + [key], nearest: child ?? (bMap ? b : nearest))
      }
    } else {
      leaf(a, b, keys: keys, nearest: nearest)
    }
  }

  /// The keys of both mappings: the newer one's in written order, then the older one's.
  private static func keys(_ a: YAMLNode?, _ b: YAMLNode?) -> [String] {
    var seen = Set<String>()
    var keys: [String] = []
    for node in [b, a].compactMap({ $0 }) {
      for entry in node.entries {
        guard let key = entry.key.text, seen.insert(key).inserted else { continue }
        keys.append(key)
      }
    }
    return keys
  }

  private mutating func leaf(_ a: YAMLNode?, _ b: YAMLNode?, keys: [String], nearest: YAMLNode?) {
    guard !keys.isEmpty else { return }
    let (beforeState, before) = Self.state(a)
    let (afterState, after) = Self.state(b)
    if beforeState != .value && afterState != .value { return }
    if beforeState == afterState, Self.same(a, b) { return }
    let path = keys.joined(separator: ".")
    let match = scales.match(keys, platform: new.id)
    let type: CapabilityChange.Kind
    switch (beforeState == .value, afterState == .value) {
    case (false, _): type = .recorded
    case (_, false): type = .unrecorded
    default:
      if let match, let from = a?.text.flatMap(match.scale.rank(of:)),
        let to = b?.text.flatMap(match.scale.rank(of:)), a?.kind == .scalar, b?.kind == .scalar
      {
        type = to > from ? .unblock : to < from ? .block : .change
      } else {
        type = .change
      }
    }
    let evidence = new.evidence.filter { $0.supports(path) }
    changes.append(CapabilityChange(
      path: path, counterparty: match?.counterparty, type: type, scale: match?.scale.name,
      before: before, beforeState: beforeState, after: after, afterState: afterState,
      location: (b ?? nearest)?.location ?? new.location, previousLocation: a?.location,
      evidence: evidence.isEmpty && afterState != .value ? old.evidence.filter { $0.supports(path) } : evidence))
  }

  private static func state(_ node: YAMLNode?) -> (Check.State, String?) {
    guard let node else { return (.missing, nil) }
    if node.isNull { return (.null, nil) }
    // A quoted "true" or "3" is a string: show the quotes so it does not read as the plain value.
    if node.kind == .scalar, node.style != .plain, let text = node.text,
      !Scalar.resolve(text, style: .plain, tag: nil).isString || text.isEmpty
    {
      return (.value, "\"\(text)\"")
    }
    return (.value, node.flowText)
  }

  /// Two values are the same when they read alike under the core schema (`1.0` and `1.00`, but
  /// not `true` and `"true"`); lists compare item by item.
  private static func same(_ a: YAMLNode?, _ b: YAMLNode?) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    guard a.kind == b.kind, a.count == b.count else { return false }
    switch a.kind {
    case .scalar:
      if let x = a.scalar, let y = b.scalar, x == y { return true }
      return a.text == b.text && (a.style == .plain) == (b.style == .plain)
    case .sequence:
      return zip(a.elements, b.elements).allSatisfy { same($0, $1) }
    case .mapping:
      return zip(a.entries, b.entries).allSatisfy { $0.key.text == $1.key.text && same($0.value, $1.value) }
    }
  }
}

extension Scalar {
  /// Whether the scalar reads as a string.
  fileprivate var isString: Bool {
    if case .string = self { return true }
    return false
  }
}

extension MessageKey {
  static let changeValue = MessageKey("change.value", "{path} {before} → {after}")
  static let changeRecorded = MessageKey("change.recorded", "{path} {before} → {after} (first recorded)")
  static let changeUnrecorded = MessageKey("change.unrecorded", "{path} {before} → {after} (no longer recorded)")
}
