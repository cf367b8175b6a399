/// The days on which some input of a history can change a result, and what changes on each:
/// manifest versions' `as_of`, obligations' `effective` and phase starts (those counted from a
/// manifest path resolved against the version in force), waivers' expiries (the day after),
/// entity holdings' `from` and `until`, and the day an evidence entry ages past an obligation's
/// `max_age_days`. Nothing else moves a result, so no other day is evaluated.
public struct ChangeSchedule: Sendable {
  /// Per day after `from` and up to `to`, the inputs that change on it, sorted.
  public private(set) var days: [Day: [History.ChangeInput]] = [:]
  private let from: Day
  private let to: Day
  private let obligations: [Obligation]
  /// Every `max_age_days` among the obligations.
  private let limits: [Int]
  /// Per obligation, its fixed milestones as "date label".
  private let fixed: [Set<String>]

  /// The days that do not depend on a manifest: fixed starts, waivers' expiries, holdings.
  /// Versions' days are added as each version comes into force (`add(_:until:)` on a `blank` copy,
  /// then `insert`), since a version's own days all fall while it is in force.
  public init(obligations: [Obligation], waivers: [Waiver], entities: Entities, from: Day, to: Day) {
    self.from = from
    self.to = to
    self.obligations = obligations
    limits = Set(obligations.compactMap { $0.evidence?.maxAgeDays }).sorted()
    fixed = obligations.map { Set($0.fixedMilestones.map { "\($0.date) \($0.label)" }) }
    for obligation in obligations {
      for milestone in obligation.fixedMilestones {
        add(milestone.date, Self.milestone(obligation, label: milestone.label, platform: nil))
      }
    }
    for waiver in waivers {
      add(waiver.expires.adding(days: 1), History.ChangeInput(kind: .waiverExpiry, platform: waiver.platform,
        obligation: waiver.obligation, detail: waiver.counterparty))
    }
    for entity in entities.entities {
      for holding in entity.holdings {
        for bound in [holding.from, holding.until].compactMap({ $0?.start }) {
          add(bound, History.ChangeInput(kind: .holding, platform: holding.platform, detail: entity.id))
        }
      }
    }
    sort()
  }

  /// The days one version brings while it is in force (from its `as_of` until `until`): its
  /// `as_of`, the starts counted from its paths, and the days its evidence ages past a limit.
  mutating func add(_ manifest: Manifest, until: Day) {
    func inForce(_ day: Day) -> Bool { day >= manifest.asOf && day < until }
    add(manifest.asOf, History.ChangeInput(kind: .version, platform: manifest.id))
    for (o, obligation) in obligations.enumerated() {
      for milestone in obligation.milestones(for: manifest)
      where inForce(milestone.date) && !fixed[o].contains("\(milestone.date) \(milestone.label)") {
        add(milestone.date, Self.milestone(obligation, label: milestone.label, platform: manifest.id))
      }
    }
    for limit in limits {
      for entry in manifest.evidence {
        guard let observed = entry.observed else { continue }
        // `meets` holds while the age is at most the limit: it stops the day after.
        let aged = observed.adding(days: limit + 1)
        if inForce(aged) {
          add(aged, History.ChangeInput(kind: .evidenceAge, platform: manifest.id, detail: entry.path))
        }
      }
    }
  }

  /// Each day's inputs once, in order.
  mutating func sort() {
    for day in days.keys { days[day] = Array(Set(days[day] ?? [])).sorted() }
  }

  /// The same schedule without its days, to work out one version's days on.
  var blank: ChangeSchedule {
    var copy = self
    copy.days = [:]
    return copy
  }

  /// Adds inputs on a day within the span; returns whether the day was new to the schedule.
  @discardableResult
  mutating func insert(_ inputs: [History.ChangeInput], on day: Day) -> Bool {
    guard day > from, day <= to, !inputs.isEmpty else { return false }
    let new = days[day] == nil
    days[day] = Array(Set((days[day] ?? []) + inputs)).sorted()
    return new
  }

  private mutating func add(_ day: Day, _ input: History.ChangeInput) {
    guard day > from, day <= to else { return }
    days[day, default: []].append(input)
  }

  /// The days, in order.
  public var dates: [Day] { days.keys.sorted() }

  private static func milestone(_ obligation: Obligation, label: String, platform: String?) -> History.ChangeInput {
    label == "effective"
      ? History.ChangeInput(kind: .effective, platform: platform, obligation: obligation.id)
      : History.ChangeInput(kind: .phase, platform: platform, obligation: obligation.id, detail: label)
  }

  /// Every platform's versions in `as_of` order (the first read first among equals).
  static func versionsByPlatform(_ manifests: [Manifest]) -> [String: [Manifest]] {
    var versions: [String: [Manifest]] = [:]
    for manifest in manifests { versions[manifest.id, default: []].append(manifest) }
    for id in versions.keys {
      versions[id] = versions[id]?.enumerated().sorted { ($0.element.asOf, $0.offset) < ($1.element.asOf, $1.offset) }.map(\.element)
    }
    return versions
  }
}
