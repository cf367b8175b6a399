/// An interconnection matrix: how each platform treats each other one at a `{counterparty}`
/// path on a scale, with a reciprocity verdict per pair.
public struct Matrix: Codable, Sendable, Hashable {
  /// How platform treats counterparty.
  public struct Cell: Codable, Sendable, Hashable {
    public var platform: String
    public var counterparty: String
    public var state: Check.State
    public var value: String?
    /// Position on the scale (0 = worst); `nil` when unknown or off the scale.
    public var rank: Int?
    public var location: SourceLocation?
    public var wildcard: Bool
  }

  /// Whether two platforms treat each other alike.
  public struct Pair: Codable, Sendable, Hashable {
    /// The verdict on one unordered pair.
    public enum Verdict: String, Codable, Sendable {
      case equal
      /// `a` treats `b` worse than `b` treats `a`.
      case aOpensLess = "a_opens_less"
      case bOpensLess = "b_opens_less"
      case unknown
    }

    public var a: String
    public var b: String
    public var verdict: Verdict
  }

  public var id: String
  public var title: String
  public var titleEn: String?
  public var pack: String
  public var path: String
  public var scale: String
  public var levels: [String]
  public var obligation: String?
  public var platforms: [String]
  /// Set when there were more platforms with data than a matrix shows.
  public var omitted: Int
  public var cells: [Cell]
  public var pairs: [Pair]

  enum CodingKeys: String, CodingKey {
    case id, title
    case titleEn = "title_en"
    case pack, obligation, path, scale, levels, platforms, omitted, pairs, cells
  }

  /// The cell for platform → counterparty.
  public func cell(_ platform: String, _ counterparty: String) -> Cell? {
    cells.first { $0.platform == platform && $0.counterparty == counterparty }
  }
}

/// Builds the matrices that packs declare and those that their reciprocity obligations imply.
enum MatrixBuilder {
  /// Most platforms one matrix shows; past it the ones with the most explicit data are kept.
  static let maxPlatforms = 60

  static func matrices(packs: [RulePack], platforms: [Manifest]) -> [Matrix] {
    var specs: [(MatrixSpec, Scope?)] = []
    for pack in packs {
      specs += pack.matrices.map { ($0, nil) }
      for obligation in pack.obligations.sorted(by: { $0.id < $1.id }) {
        for reciprocal in obligation.check.predicates.flatMap(\.reciprocals) {
          let id = obligation.id.lowercased()
          guard !specs.contains(where: { $0.0.path == reciprocal.path && $0.0.scale.name == reciprocal.scale.name }) else { continue }
          specs.append((MatrixSpec(id: id, title: obligation.title, titleEn: obligation.titleEn,
            path: reciprocal.path, scale: reciprocal.scale, pack: pack.id, obligation: obligation.id),
            obligation.appliesTo))
        }
      }
    }
    return specs.map { build($0.0, scope: $0.1, platforms: platforms) }
  }

  private static func build(_ spec: MatrixSpec, scope: Scope?, platforms: [Manifest]) -> Matrix {
    let candidates = platforms.filter { scope?.matches($0) ?? true }
    let ids = Set(candidates.map(\.id))
    // A platform belongs in the matrix when it has an explicit entry, or another names it.
    let explicit = explicitEntries(spec.path, candidates: candidates, ids: ids)
    var chosen = explicit.keys.filter(ids.contains).sorted()
    var omitted = 0
    if chosen.count > maxPlatforms {
      omitted = chosen.count - maxPlatforms
      chosen = Array(chosen.sorted { (explicit[$0] ?? 0, $1) > (explicit[$1] ?? 0, $0) }.prefix(maxPlatforms)).sorted()
    }
    let byID = Dictionary(uniqueKeysWithValues: candidates.map { ($0.id, $0) })
    var cells: [Matrix.Cell] = []
    for a in chosen {
      guard let manifest = byID[a] else { continue }
      for b in chosen where a != b {
        cells.append(cell(spec, manifest, b))
      }
    }
    var ranks: [String: Int] = [:]
    for cell in cells { ranks["\(cell.platform)|\(cell.counterparty)"] = cell.rank }
    var pairs: [Matrix.Pair] = []
    for (i, a) in chosen.enumerated() {
      for b in chosen[(i + 1)...] {
        let ab = ranks["\(a)|\(b)"]
        let ba = ranks["\(b)|\(a)"]
        let verdict: Matrix.Pair.Verdict
        switch (ab, ba) {
        case (let x?, let y?): verdict = x == y ? .equal : x < y ? .aOpensLess : .bOpensLess
        default: verdict = .unknown
        }
        pairs.append(Matrix.Pair(a: a, b: b, verdict: verdict))
      }
    }
    return Matrix(id: spec.id, title: spec.title, titleEn: spec.titleEn, pack: spec.pack,
      path: spec.path.description, scale: spec.scale.name, levels: spec.scale.levels,
      obligation: spec.obligation, platforms: chosen, omitted: omitted, cells: cells, pairs: pairs)
  }

  /// Per platform, how many explicit entries it has or is named in (0 when it only has a `"*"`
  /// entry); platforms with neither are absent. The same counts as looking up every ordered pair,
  /// found from the keys each manifest actually has: a counterparty that a manifest does not name
  /// reads the same as any other unnamed one, so one lookup stands for all of them, and the cost
  /// grows with the entries present, not with platforms².
  static func explicitEntries(_ path: CapabilityPath, candidates: [Manifest], ids: Set<String>) -> [String: Int] {
    var explicit: [String: Int] = [:]
    // Manifests whose every unnamed counterparty reads as an explicit value (a null or a
    // scalar above the `{counterparty}` step): each other platform they do not name gets one.
    var universal = 0
    var notCountedBy: [String: Int] = [:]
    for manifest in candidates {
      var named = Set<String>()
      guard namedCounterparties(path, manifest.capabilities, manifest.id, 0, into: &named) else {
        // A list where a counterparty id goes reads numeric ids as indices: look each one up.
        for other in candidates where other.id != manifest.id {
          count(CapabilityLookup.lookup(path, in: manifest.capabilities, platform: manifest.id,
            counterparty: other.id), manifest.id, other.id, into: &explicit)
        }
        continue
      }
      var namedHere = 0
      for other in named where other != manifest.id && ids.contains(other) {
        namedHere += 1
        count(CapabilityLookup.lookup(path, in: manifest.capabilities, platform: manifest.id,
          counterparty: other), manifest.id, other, into: &explicit)
      }
      let unnamed = ids.count - (ids.contains(manifest.id) ? 1 : 0) - namedHere
      guard unnamed > 0 else { continue }
      var sentinel = "\u{1}"
      while named.contains(sentinel) { sentinel += "\u{1}" }
      let lookup = CapabilityLookup.lookup(path, in: manifest.capabilities, platform: manifest.id,
        counterparty: sentinel)
      if case .missing = lookup.found { continue }
      if lookup.viaWildcard {
        explicit[manifest.id, default: 0] += 0
      } else {
        explicit[manifest.id, default: 0] += unnamed
        universal += 1
        notCountedBy[manifest.id, default: 0] += 1
        for other in named where other != manifest.id && ids.contains(other) { notCountedBy[other, default: 0] += 1 }
      }
    }
    if universal > 0 {
      for id in ids {
        let added = universal - notCountedBy[id, default: 0]
        if added > 0 { explicit[id, default: 0] += added }
      }
    }
    return explicit
  }

  private static func count(_ lookup: Lookup, _ platform: String, _ other: String, into explicit: inout [String: Int]) {
    if case .missing = lookup.found { return }
    if lookup.viaWildcard {
      explicit[platform, default: 0] += 0
    } else {
      explicit[platform, default: 0] += 1
      explicit[other, default: 0] += 1
    }
  }

  /// Collects the keys written where `path` reads a counterparty id; `false` when a list stands
  /// there (its indices would need every id tried).
  private static func namedCounterparties(
    _ path: CapabilityPath, _ node: YAMLNode?, _ platform: String, _ step: Int, into named: inout Set<String>
  ) -> Bool {
    guard step < path.segments.count, let node, !node.isNull else { return true }
    let segment = path.segments[step]
    switch node.kind {
    case .scalar:
      return true
    case .sequence:
      let key: String
      switch segment {
      case .counterparty: return false
      case .key(let k): key = k
      case .platform: key = platform
      }
      guard let index = Int(key), index >= 0, index < node.count else { return true }
      return namedCounterparties(path, node.elements[index], platform, step + 1, into: &named)
    case .mapping:
      switch segment {
      case .key(let k): return namedCounterparties(path, node[k], platform, step + 1, into: &named)
      case .platform: return namedCounterparties(path, node[platform], platform, step + 1, into: &named)
      case .counterparty:
        for (key, value) in node.entries {
          if let text = key.text, text != "*" { named.insert(text) }
          guard namedCounterparties(path, value, platform, step + 1, into: &named) else { return false }
        }
        return true
      }
    }
  }

  private static func cell(_ spec: MatrixSpec, _ manifest: Manifest, _ other: String) -> Matrix.Cell {
    let lookup = CapabilityLookup.lookup(spec.path, in: manifest.capabilities, platform: manifest.id,
      counterparty: other)
    var cell = Matrix.Cell(platform: manifest.id, counterparty: other, state: .missing, value: nil,
      rank: nil, location: lookup.node?.location, wildcard: lookup.viaWildcard)
    switch lookup.found {
    case .value(let node):
      cell.state = .value
      cell.value = node.flowText
      cell.rank = node.text.flatMap(spec.scale.rank(of:))
    case .null: cell.state = .null
    case .missing: cell.state = .missing
    case .blocked: cell.state = .blocked
    }
    return cell
  }
}
