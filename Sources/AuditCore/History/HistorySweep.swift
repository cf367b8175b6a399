/// Walks a `ChangeSchedule` day by day: evaluates every result on the first day, then on each
/// later day only the results whose inputs changed, and keeps each result key's segments.
///
/// A platform whose version changes is evaluated again, for each obligation that reads a path
/// the version changed (`VersionChange`; every obligation when it appears, when its evidence
/// ages past a limit, or when its categories change), as a subject, as the counterparty of
/// every other subject's per-counterparty and pair results, and for every subject that has it
/// among its affiliates; an obligation's start re-evaluates its subjects (one platform's, for a
/// start counted from a manifest path); a waiver's expiry its platform's results of that
/// obligation; a holding's start or end the platforms whose affiliates change. Every other
/// result carries over.
struct HistorySweep {
  /// An obligation (its index in pack, id order) for one subject platform.
  struct SubjectKey: Hashable {
    var obligation: Int
    var platform: String
  }

  /// A result key; `counterparty` is empty for results without one.
  struct TrackKey: Hashable {
    var obligation: Int
    var platform: String
    var counterparty: String
  }

  /// A piece of work of one day: whole subjects of one obligation, or one counterparty's result.
  enum Unit: Sendable {
    case whole(obligation: Int, subjects: [Int])
    case single(obligation: Int, subject: Int, counterparty: Int)
  }

  /// Reads versions when they come into force: (platform, index in its `versions`) → manifest.
  typealias Fetch = ([(platform: String, index: Int)]) -> [Manifest]

  let obligations: [Obligation]
  /// Every platform's version dates, in order.
  let versions: [String: [Day]]
  let fetch: Fetch
  let waivers: [Waiver]
  let entities: Entities
  let versionChange: VersionChange

  private(set) var platforms: [Manifest] = []
  private var position: [String: Int] = [:]
  private var inForce: [String: Int] = [:]
  private var affiliates: [String: [Affiliation]] = [:]
  private(set) var tracks: [History.Track] = []
  private var trackOf: [TrackKey: Int] = [:]
  private var open: [SubjectKey: Set<String>] = [:]
  private var openCount = 0
  private(set) var work = History.Work()
  /// The versions that came into force on the last day stepped.
  private(set) var fetched: [Manifest] = []

  init(obligations: [Obligation], versions: [String: [Day]], waivers: [Waiver], entities: Entities, fetch: @escaping Fetch) {
    self.obligations = obligations
    self.versions = versions
    self.fetch = fetch
    self.waivers = waivers
    self.entities = entities
    versionChange = VersionChange(obligations: obligations)
  }

  /// Evaluates what changes on `day` (everything when `first`); returns how many results were
  /// evaluated and how many changed status (appearing and ending count as changes).
  mutating func step(_ day: Day, inputs: [History.ChangeInput], first: Bool) -> (evaluated: Int, changed: Int) {
    let changed = advanceVersions(day, inputs: inputs, first: first)
    let regrouped = regroup(day, all: first || inputs.contains { $0.kind == .holding })
    let whole = wholeSubjects(changed: changed, regrouped: regrouped, inputs: inputs, first: first)
    let units = plan(whole: whole, changed: changed)
    let outputs = evaluate(units, on: day)
    var evaluated = 0
    var statusChanges = 0
    for (unit, output) in zip(units, outputs) {
      switch unit {
      case .whole(let o, let subjects):
        for (s, results) in zip(subjects, output) {
          let subject = platforms[s].id
          var produced = Set<String>()
          for result in results {
            produced.insert(result.counterparty ?? "")
            if record(result, obligation: o, on: day) { statusChanges += 1 }
          }
          evaluated += results.count
          let key = SubjectKey(obligation: o, platform: subject)
          for counterparty in (open[key] ?? []).subtracting(produced).sorted() {
            if end(TrackKey(obligation: o, platform: subject, counterparty: counterparty), on: day) { statusChanges += 1 }
          }
        }
      case .single(let o, let s, let p):
        let results = output.first ?? []
        evaluated += results.count
        if let result = results.first {
          if record(result, obligation: o, on: day) { statusChanges += 1 }
        } else if end(TrackKey(obligation: o, platform: platforms[s].id, counterparty: platforms[p].id), on: day) {
          statusChanges += 1
        }
      }
    }
    work.days += 1
    work.evaluated += evaluated
    work.full += openCount
    return (evaluated, statusChanges)
  }

  /// Puts the versions in force on `day` in place; returns, per platform whose version changed
  /// (or that appeared, or whose evidence ages on it), the obligations whose results it can move.
  private mutating func advanceVersions(_ day: Day, inputs: [History.ChangeInput], first: Bool) -> [String: Set<Int>] {
    let candidates = first ? Array(versions.keys) : inputs.filter { $0.kind == .version }.compactMap(\.platform)
    var wanted: [(platform: String, index: Int)] = []
    for id in Set(candidates).sorted() {
      guard let list = versions[id], let index = list.lastIndex(where: { $0 <= day }), inForce[id] != index else { continue }
      wanted.append((id, index))
    }
    var changed: [String: Set<Int>] = [:]
    let every = Set(obligations.indices)
    var appeared = false
    fetched = fetch(wanted)
    // What each new version changed, compared with the one it replaces, on every core.
    let versionChange = self.versionChange
    let replaced = zip(wanted, fetched).map { item in (position[item.0.platform].map { platforms[$0] }, item.1) }
    let touchedSets = parallelMap(replaced) { old, new in old.map { versionChange.touched(from: $0, to: new) } }
    for (((id, index), manifest), touched) in zip(zip(wanted, fetched), touchedSets) {
      if inForce[id] == nil { appeared = true }
      inForce[id] = index
      if let p = position[id] {
        if let touched, !touched.isEmpty { changed[id] = touched }
        platforms[p] = manifest
      } else {
        changed[id] = every
        platforms.append(manifest)
      }
    }
    if appeared {
      platforms.sort { $0.id < $1.id }
      position = Dictionary(uniqueKeysWithValues: platforms.enumerated().map { ($0.element.id, $0.offset) })
    }
    for input in inputs where input.kind == .evidenceAge {
      if let id = input.platform, position[id] != nil { changed[id] = every }
    }
    return changed
  }

  /// Brings the affiliates up to date (every platform's when `all`, else new platforms');
  /// returns the platforms whose affiliates changed.
  private mutating func regroup(_ day: Day, all: Bool) -> Set<String> {
    var regrouped = Set<String>()
    for manifest in platforms where all || affiliates[manifest.id] == nil {
      let now = entities.affiliates(of: manifest.id, on: day)
      if affiliates[manifest.id] != now {
        affiliates[manifest.id] = now
        regrouped.insert(manifest.id)
      }
    }
    return regrouped
  }

  /// The (obligation, subject) pairs to evaluate whole on this day.
  private func wholeSubjects(changed: [String: Set<Int>], regrouped: Set<String>, inputs: [History.ChangeInput], first: Bool)
    -> Set<SubjectKey>
  {
    var whole = Set<SubjectKey>()
    func all(_ ids: some Sequence<String>) {
      for id in ids { for o in obligations.indices { whole.insert(SubjectKey(obligation: o, platform: id)) } }
    }
    if first {
      all(platforms.map(\.id))
      return whole
    }
    all(regrouped)
    for (id, touched) in changed {
      for o in touched { whole.insert(SubjectKey(obligation: o, platform: id)) }
    }
    // Comparisons with affiliates read the affiliates' standing: a changed affiliate re-evaluates them.
    if !changed.isEmpty {
      for manifest in platforms {
        for affiliate in affiliates[manifest.id] ?? [] {
          for o in changed[affiliate.platform] ?? [] { whole.insert(SubjectKey(obligation: o, platform: manifest.id)) }
        }
      }
    }
    let byID = Dictionary(obligations.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
    for input in inputs {
      guard let id = input.obligation, let o = byID[id] else { continue }
      switch input.kind {
      case .effective, .phase, .waiverExpiry:
        if let platform = input.platform {
          if position[platform] != nil { whole.insert(SubjectKey(obligation: o, platform: platform)) }
        } else {
          for manifest in platforms { whole.insert(SubjectKey(obligation: o, platform: manifest.id)) }
        }
      case .version, .holding, .evidenceAge: break
      }
    }
    return whole
  }

  /// Units in document order: per obligation, the whole subjects in runs, then each changed
  /// counterparty's result for the subjects not evaluated whole.
  private func plan(whole: Set<SubjectKey>, changed: [String: Set<Int>]) -> [Unit] {
    var units: [Unit] = []
    for (o, obligation) in obligations.enumerated() {
      let changedIndices = changed.filter { $0.value.contains(o) }.compactMap { position[$0.key] }.sorted()
      let subjects = platforms.indices.filter { whole.contains(SubjectKey(obligation: o, platform: platforms[$0].id)) }
      let step = obligation.per == .platform ? 256 : 8
      for start in stride(from: 0, to: subjects.count, by: step) {
        units.append(.whole(obligation: o, subjects: Array(subjects[start..<min(subjects.count, start + step)])))
      }
      guard obligation.per != .platform, !changedIndices.isEmpty, subjects.count < platforms.count else { continue }
      for s in platforms.indices where !whole.contains(SubjectKey(obligation: o, platform: platforms[s].id)) {
        // A subject out of scope has one not-applicable result, which no counterparty changes.
        if let scope = obligation.appliesTo, !scope.matches(platforms[s]) { continue }
        for p in changedIndices where p != s {
          units.append(.single(obligation: o, subject: s, counterparty: p))
        }
      }
    }
    return units
  }

  /// Each unit's results per subject, waivers applied as of `day`, on every core.
  private func evaluate(_ units: [Unit], on day: Day) -> [[[Result]]] {
    let platforms = self.platforms
    let obligations = self.obligations
    let affiliates = self.affiliates
    let waiverIndex = WaiverIndex(waivers, asOf: day)
    var counterparties: [Int: [Int]] = [:]
    for unit in units {
      guard case .whole(let o, _) = unit, counterparties[o] == nil else { continue }
      counterparties[o] = Engine.counterpartyIndices(of: obligations[o], in: platforms)
    }
    let scopeReasons = obligations.map(Engine.outOfScopeReason)
    let inScope = counterparties
    return parallelMap(units) { unit -> [[Result]] in
      switch unit {
      case .whole(let o, let subjects):
        return subjects.map { s in
          let subject = platforms[s]
          let groups = affiliates[subject.id] ?? []
          var results: [Result] = []
          ReadingMemo.$current.withValue(groups.isEmpty ? nil : ReadingMemo(subject: subject.id)) {
            Engine.results(for: subject, obligation: obligations[o], counterparties: inScope[o] ?? [],
              platforms: platforms, asOf: day, affiliates: groups, scopeReason: scopeReasons[o], into: &results)
          }
          _ = waiverIndex.apply(to: &results)
          return results
        }
      case .single(let o, let s, let p):
        let (subject, other, obligation) = (platforms[s], platforms[p], obligations[o])
        let groups = affiliates[subject.id] ?? []
        let affiliated = Set(groups.map(\.platform)).contains(other.id)
        guard Engine.inScope(other, of: obligation), obligation.counterparties?.matches(affiliated: affiliated) ?? true
        else { return [[]] }
        var results = [ReadingMemo.$current.withValue(groups.isEmpty ? nil : ReadingMemo(subject: subject.id)) {
          ObligationEvaluator.evaluate(obligation, subject: subject, counterparty: other, asOf: day, affiliates: groups)
        }]
        _ = waiverIndex.apply(to: &results)
        return [results]
      }
    }
  }

  /// Takes in a result on `day`: a new segment when its status differs from the open one (or
  /// none is open). Returns whether that happened.
  private mutating func record(_ result: Result, obligation o: Int, on day: Day) -> Bool {
    let counterparty = result.counterparty ?? ""
    let key = TrackKey(obligation: o, platform: result.platform, counterparty: counterparty)
    guard let t = trackOf[key] else {
      let segment = Self.segment(result, from: day)
      trackOf[key] = tracks.count
      tracks.append(History.Track(obligation: result.obligation, pack: result.pack, platform: result.platform,
        counterparty: result.counterparty, segments: [segment]))
      open[SubjectKey(obligation: o, platform: result.platform), default: []].insert(counterparty)
      openCount += 1
      return true
    }
    let last = tracks[t].segments.count - 1
    if tracks[t].segments[last].until == nil {
      if tracks[t].segments[last].status == result.status { return false }
      tracks[t].segments[last].until = day
    } else {
      open[SubjectKey(obligation: o, platform: result.platform), default: []].insert(counterparty)
      openCount += 1
    }
    // The value that decided before is the one to show after, when it was read again.
    tracks[t].segments.append(Self.segment(result, from: day, preferring: tracks[t].segments[last].path))
    return true
  }

  /// Ends the open segment of a key that no longer has a result on `day`; whether one was open.
  private mutating func end(_ key: TrackKey, on day: Day) -> Bool {
    guard let t = trackOf[key], let last = tracks[t].segments.indices.last, tracks[t].segments[last].until == nil
    else { return false }
    tracks[t].segments[last].until = day
    open[SubjectKey(obligation: key.obligation, platform: key.platform)]?.remove(key.counterparty)
    openCount -= 1
    return true
  }

  /// The tracks in the order of `results.json`: obligation (pack, id), platform, counterparty.
  func sortedTracks() -> [History.Track] {
    trackOf.sorted { a, b in
      (a.key.obligation, a.key.platform, a.key.counterparty) < (b.key.obligation, b.key.platform, b.key.counterparty)
    }.map { tracks[$0.value] }
  }

  /// A segment from a result: its status and reason, the decisive value and its evidence.
  static func segment(_ result: Result, from day: Day, preferring path: String? = nil) -> History.Segment {
    let status = result.waiver?.status ?? result.status
    let check = result.checks.first { path != nil && $0.path == path }
      ?? result.checks.first { $0.status == status && $0.decisive }
      ?? result.checks.first(where: \.decisive) ?? result.checks.first
    // The entry that counts for the value (its method, date and source, as the check names them).
    let evidence = check.flatMap { check in
      result.evidence.first { $0.source == check.source && $0.method == check.method && $0.observed == check.observed }
        ?? result.evidence.first { check.path == $0.path || check.path.hasPrefix($0.path + ".") } ?? result.evidence.first
    }
    return History.Segment(from: day, until: nil, status: result.status, reason: result.reason,
      path: check?.path, found: check?.found, evidence: evidence, location: result.location,
      reasonMessage: result.reasonMessage)
  }
}
