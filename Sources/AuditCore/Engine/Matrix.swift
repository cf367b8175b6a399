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
    var explicit: [String: Int] = [:]
    for manifest in candidates {
      for other in candidates where other.id != manifest.id {
        let lookup = CapabilityLookup.lookup(spec.path, in: manifest.capabilities,
          platform: manifest.id, counterparty: other.id)
        if case .missing = lookup.found { continue }
        if !lookup.viaWildcard {
          explicit[manifest.id, default: 0] += 1
          explicit[other.id, default: 0] += 1
        } else {
          explicit[manifest.id, default: 0] += 0
        }
      }
    }
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
