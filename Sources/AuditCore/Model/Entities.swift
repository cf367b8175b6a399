/// A company and what it holds over time (`kind: entities`): whom non-discrimination duties
/// compare against.
public struct Entity: Sendable, Hashable {
  public var id: String
  public var name: String?
  public var nameEn: String?
  public var holdings: [Holding]
  public var notes: String?
  public var location: SourceLocation

  /// An entity as `kind: entities` declares it.
  public init(
    id: String, name: String? = nil, nameEn: String? = nil, holdings: [Holding],
    notes: String? = nil, location: SourceLocation
  ) {
    self.id = id
    self.name = name
    self.nameEn = nameEn
    self.holdings = holdings
    self.notes = notes
    self.location = location
  }

  /// The name to show: "腾讯 Tencent", else the id.
  public var displayName: String { name ?? nameEn ?? id }
}

/// One platform an entity operates (`controls`) or has a stake in (`invests`), from one date
/// (inclusive) until another (exclusive).
public struct Holding: Sendable, Hashable {
  /// How the entity holds the platform.
  public enum Relation: String, Sendable, Hashable, Codable, CaseIterable {
    case controls, invests
  }

  public var platform: String
  public var relation: Relation
  /// The stake as written (`0.17`), when known; only for `invests`.
  public var share: String?
  public var from: PartialDate?
  public var until: PartialDate?
  public var source: String
  public var note: String?
  public var location: SourceLocation

  /// A holding as an entity's `holds:` entry declares it.
  public init(
    platform: String, relation: Relation, share: String? = nil, from: PartialDate? = nil,
    until: PartialDate? = nil, source: String, note: String? = nil, location: SourceLocation
  ) {
    self.platform = platform
    self.relation = relation
    self.share = share
    self.from = from
    self.until = until
    self.source = source
    self.note = note
    self.location = location
  }

  /// Whether the holding is in force on `day`: `from` inclusive, `until` exclusive, a partial
  /// date meaning its first day.
  public func holds(on day: Day) -> Bool {
    if let from, day < from.start { return false }
    if let until, day >= until.start { return false }
    return true
  }

  /// Whether two holdings' periods share at least one day. An open end is open: no `from` is
  /// the beginning of time and no `until` its end, whatever the years written on the other.
  func overlaps(_ other: Holding) -> Bool {
    Self.before(from, other.until) && Self.before(other.from, until)
  }

  /// Whether a period starting at `start` begins before one ending at `end` does (nil: open).
  static func before(_ start: PartialDate?, _ end: PartialDate?) -> Bool {
    guard let start, let end else { return true }
    return start.start < end.start
  }

  /// The share as a percentage, exactly as written: `0.17` → "17 %", `0.185` → "18.5 %".
  public var percent: String? {
    guard let share else { return nil }
    return Self.percentText(share)
  }

  /// A fraction written as text (`0.17`) as a percentage ("17 %"), without floating point.
  public static func percentText(_ text: String) -> String? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
      !parts[0].isEmpty
    else { return nil }
    // Move the decimal point two places right without going through floating point.
    let fraction = parts.count == 2 ? String(parts[1]) : ""
    let padded = fraction.padding(toLength: max(2, fraction.count), withPad: "0", startingAt: 0)
    let whole = String(parts[0]) + padded.prefix(2)
    let rest = String(padded.dropFirst(2))
    let trimmedWhole = String(whole.drop { $0 == "0" })
    let trimmedRest = String(rest.reversed().drop { $0 == "0" }.reversed())
    return (trimmedWhole.isEmpty ? "0" : trimmedWhole) + (trimmedRest.isEmpty ? "" : "." + trimmedRest) + " %"
  }
}

/// How the subject's group is tied to another platform on a date: the entity and its holding.
public struct Affiliation: Sendable, Hashable, Codable {
  /// The affiliated platform.
  public var platform: String
  /// The entity that controls the subject and holds this platform.
  public var entity: String
  public var entityName: String?
  public var relation: Holding.Relation
  public var share: String?
  public var source: String
  public var location: SourceLocation

  enum CodingKeys: String, CodingKey {
    case platform, entity
    case entityName = "entity_name"
    case relation, share, source, location
  }

  /// The affiliation that `entity`'s `holding` makes.
  public init(_ holding: Holding, of entity: Entity) {
    platform = holding.platform
    self.entity = entity.id
    entityName = entity.name ?? entity.nameEn
    relation = holding.relation
    share = holding.share
    source = holding.source
    location = holding.location
  }

  /// "tencent controls", "tencent holds 17 %", "tencent invests".
  public var phrase: String {
    switch relation {
    case .controls: "\(entity) controls \(platform)"
    case .invests: Holding.percentText(share ?? "").map { "\(entity) holds \($0)" } ?? "\(entity) has a stake"
    }
  }
}

/// Every entity read from the inputs, and the questions engines and reports ask of them.
public struct Entities: Sendable {
  public var entities: [Entity]

  /// The entities, kept in id order so that every question has one answer.
  public init(_ entities: [Entity] = []) {
    self.entities = entities.sorted { $0.id < $1.id }
  }

  /// Whether the run knows no entity (reports then draw no groups).
  public var isEmpty: Bool { entities.isEmpty }

  /// The entity that controls `platform` on `day`, with its holding; the first by id if several
  /// do (which `audit check` reports as an error).
  public func controller(of platform: String, on day: Day) -> (entity: Entity, holding: Holding)? {
    for entity in entities {
      if let holding = entity.holdings.first(where: {
        $0.platform == platform && $0.relation == .controls && $0.holds(on: day)
      }) {
        return (entity, holding)
      }
    }
    return nil
  }

  /// The other platforms that the controller of `platform` controls or invests in on `day`,
  /// by platform id; a platform with no controller has none. Controlling beats investing.
  public func affiliates(of platform: String, on day: Day) -> [Affiliation] {
    guard let (entity, _) = controller(of: platform, on: day) else { return [] }
    var byPlatform: [String: Affiliation] = [:]
    for holding in entity.holdings where holding.platform != platform && holding.holds(on: day) {
      if let existing = byPlatform[holding.platform], existing.relation == .controls { continue }
      byPlatform[holding.platform] = Affiliation(holding, of: entity)
    }
    return byPlatform.keys.sorted().compactMap { byPlatform[$0] }
  }

  /// Every platform any entity names, for validation.
  var platformIDs: Set<String> { Set(entities.flatMap { $0.holdings.map(\.platform) }) }

  /// Holdings that make one platform controlled by two entities (or twice) on some day: each
  /// holding that overlaps an earlier-starting one of the same platform, paired with the one of
  /// those that ends last, and reported at the later of the two in the files. Sorting, then one
  /// sweep per platform: n log n, never holdings × holdings.
  func conflictingControllers() -> [(first: Holding, firstEntity: String, second: Holding, secondEntity: String)] {
    var examined = 0
    return conflictingControllers(examined: &examined)
  }

  /// The same, counting the holdings compared (sorting included) in `examined`, for tests.
  func conflictingControllers(examined: inout Int) -> [(first: Holding, firstEntity: String, second: Holding, secondEntity: String)] {
    var byPlatform: [String: [(entity: String, holding: Holding)]] = [:]
    for entity in entities {
      for holding in entity.holdings where holding.relation == .controls {
        byPlatform[holding.platform, default: []].append((entity.id, holding))
      }
    }
    var conflicts: [(first: Holding, firstEntity: String, second: Holding, secondEntity: String)] = []
    var counted = 0
    for platform in byPlatform.keys.sorted() {
      let holdings = (byPlatform[platform] ?? []).sorted { a, b in
        counted += 1
        switch (a.holding.from, b.holding.from) {
        case (nil, nil): return a.holding.location < b.holding.location
        case (nil, _): return true
        case (_, nil): return false
        case (let x?, let y?): return x.start != y.start ? x.start < y.start : a.holding.location < b.holding.location
        }
      }
      // The holding seen so far that ends last (nil `until`: never ends).
      var latest: (entity: String, holding: Holding)?
      for current in holdings {
        counted += 1
        if let open = latest, Holding.before(current.holding.from, open.holding.until) {
          let (first, second) = open.holding.location < current.holding.location ? (open, current) : (current, open)
          conflicts.append((first.holding, first.entity, second.holding, second.entity))
        }
        if latest == nil || Self.endsLater(current.holding.until, than: latest?.holding.until) { latest = current }
      }
    }
    examined += counted
    return conflicts.sorted { $0.second.location < $1.second.location }
  }

  /// Whether an end (nil: open) comes after another.
  private static func endsLater(_ end: PartialDate?, than other: PartialDate?) -> Bool {
    guard let other else { return false }
    guard let end else { return true }
    return end.start > other.start
  }
}
