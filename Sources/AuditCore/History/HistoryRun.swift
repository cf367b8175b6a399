/// What `audit history` asks for: the inputs of a run, and the span of days.
public struct HistoryRequest: Sendable {
  /// Paths, rule packs and waivers as `audit run` reads them (its `asOf` is ignored).
  public var inputs: RunRequest
  /// The first day; `nil` means the earliest manifest version's `as_of`.
  public var from: Day?
  /// The last day (inclusive).
  public var to: Day

  public init(inputs: RunRequest, from: Day? = nil, to: Day) {
    self.inputs = inputs
    self.from = from
    self.to = to
  }
}

/// What a history produced: the history unless a stop rule fired, and every problem met.
public struct HistoryOutcome: Sendable {
  public var workspace: Workspace
  public var history: History?
  public var diagnostics: [Diagnostic]
  /// Why nothing was evaluated, in one line; `nil` when the history was built.
  public var stopReason: String?
}

/// The history pipeline: load every file once, keeping no manifest version (a version is read
/// again when it comes into force) → stop rules → `HistoryBuilder`.
public enum HistoryRun {
  /// Reads the request's inputs and builds the history.
  public static func run(_ request: HistoryRequest) -> HistoryOutcome {
    var inputs = request.inputs
    inputs.asOf = request.to
    // Nothing is in force this early: every version is checked, then dropped.
    inputs.retention = .inForce(Day(year: 1, month: 1, day: 1) ?? .epoch)
    let workspace = AuditRun.load(inputs)
    var diagnostics = workspace.diagnostics
    func stop(_ reason: String) -> HistoryOutcome {
      HistoryOutcome(workspace: workspace, history: nil, diagnostics: diagnostics.sorted(), stopReason: reason)
    }
    if workspace.diagnostics.hasErrors {
      return stop("\(workspace.inputs.count == 0 ? "nothing could be read" : "the inputs have errors"); fix them first")
    }
    guard !workspace.packs.isEmpty else {
      diagnostics.append(Diagnostic(.error, file: request.inputs.paths.first ?? request.inputs.defaults.manifests,
        "no rule packs among the inputs", hint: "pass --rules DIR"))
      return stop("no rule packs to evaluate with")
    }
    let earliest = workspace.versions.values.compactMap(\.first).min()
    let from = request.from ?? earliest ?? request.to
    guard from <= request.to else {
      diagnostics.append(Diagnostic(.error, file: "--from", "\(from) is after --to \(request.to)",
        hint: "give a --from on or before --to"))
      return stop("an empty span of days")
    }
    if let earliest, request.to < earliest {
      diagnostics.append(Diagnostic(.warning, file: "--to",
        "\(request.to) is before every manifest (the earliest is as of \(earliest)): no platform is evaluated",
        hint: "pass --to \(earliest) or later", code: .historyBeforeManifests))
    }
    let history = HistoryBuilder.build(packs: workspace.packs,
      catalogue: HistoryLoader.catalogue(workspace, limits: request.inputs.limits),
      waivers: workspace.waivers, entities: workspace.entities, from: from, to: request.to)
    return HistoryOutcome(workspace: workspace, history: history, diagnostics: diagnostics.sorted(), stopReason: nil)
  }
}

/// Builds a `History`: every result on `from`, then on each day of the `ChangeSchedule` only
/// the results whose inputs changed (`HistorySweep`). A version's own days (starts counted from
/// its paths, evidence ageing) are added to the schedule when it comes into force.
public enum HistoryBuilder {
  /// The history of every result key from `from` to `to` (both inclusive), every version in memory.
  public static func build(
    packs: [RulePack], manifests: [Manifest], waivers: [Waiver] = [], entities: Entities = Entities(), from: Day, to: Day
  ) -> History {
    let versions = ChangeSchedule.versionsByPlatform(manifests)
    let catalogue = VersionCatalogue(dates: versions.mapValues { $0.map(\.asOf) }) { wanted in
      wanted.compactMap { versions[$0.platform]?[$0.index] }
    }
    return build(packs: packs, catalogue: catalogue, waivers: waivers, entities: entities, from: from, to: to)
  }

  /// The obligations in pack, id order, as the engine evaluates them.
  static func sortedObligations(_ packs: [RulePack]) -> [Obligation] {
    packs.flatMap(\.obligations).sorted { ($0.pack, $0.id) < ($1.pack, $1.id) }
  }

  /// The history from a catalogue of versions that reads each when it comes into force.
  static func build(
    packs: [RulePack], catalogue: VersionCatalogue, waivers: [Waiver], entities: Entities, from: Day, to: Day
  ) -> History {
    let obligations = sortedObligations(packs)
    var schedule = ChangeSchedule(obligations: obligations, waivers: waivers, entities: entities, from: from, to: to)
    for (id, dates) in catalogue.dates {
      for date in dates { schedule.insert([History.ChangeInput(kind: .version, platform: id)], on: date) }
    }
    var pending = schedule.dates
    var sweep = HistorySweep(obligations: obligations, versions: catalogue.dates, waivers: waivers, entities: entities,
      fetch: catalogue.fetch)
    var names: [String: (name: String?, nameEn: String?)] = [:]
    /// Puts the days of the versions that just came into force on the schedule; returns the
    /// inputs that fall on `day` itself.
    func absorb(_ day: Day) -> [History.ChangeInput] {
      var today: [History.ChangeInput] = []
      for manifest in sweep.fetched {
        names[manifest.id] = (manifest.name, manifest.nameEn)
        var own = schedule.blank
        own.add(manifest, until: catalogue.dates[manifest.id]?.first { $0 > manifest.asOf } ?? .distantFuture)
        for (date, inputs) in own.days {
          if date == day {
            today += inputs
          } else if date > day, schedule.insert(inputs, on: date) {
            pending.insert(date, at: pending.partitioningIndex { $0 > date })
          }
        }
      }
      return today
    }
    _ = sweep.step(from, inputs: [], first: true)
    _ = absorb(from)
    var changes: [History.ChangeDay] = []
    var next = pending.partitioningIndex { $0 > from }
    while next < pending.count {
      let day = pending[next]
      let inputs = schedule.days[day] ?? []
      let (evaluated, changed) = sweep.step(day, inputs: inputs, first: false)
      let all = Array(Set(inputs + absorb(day))).sorted()
      changes.append(History.ChangeDay(date: day, inputs: all, evaluated: evaluated, changed: changed))
      next += 1
    }
    let platforms = catalogue.dates.keys.sorted().compactMap { id -> History.PlatformEntry? in
      let dates = (catalogue.dates[id] ?? []).filter { $0 <= to }
      guard !dates.isEmpty else { return nil }
      let controller = entities.controller(of: id, on: to)?.entity
      return History.PlatformEntry(id: id, name: names[id]?.name, nameEn: names[id]?.nameEn, controller: controller?.id,
        controllerName: controller?.name, controllerNameEn: controller?.nameEn, versions: dates)
    }
    return History(
      from: from, to: to,
      packs: packs.sorted { $0.id < $1.id }.map { pack in pack.version.map { "\(pack.id)@\($0)" } ?? pack.id },
      obligations: obligations.map {
        History.ObligationEntry(id: $0.id, pack: $0.pack, title: $0.title, titleEn: $0.titleEn, severity: $0.severity, per: $0.per)
      },
      platforms: platforms, changes: changes, tracks: sweep.sortedTracks(), work: sweep.work)
  }
}

/// Every platform's version dates, and how to read a version when it comes into force.
struct VersionCatalogue {
  var dates: [String: [Day]]
  var fetch: HistorySweep.Fetch
}

extension Array {
  /// The first index whose element satisfies `predicate`, for an array partitioned by it.
  func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
    var (low, high) = (0, count)
    while low < high {
      let mid = (low + high) / 2
      if predicate(self[mid]) { high = mid } else { low = mid + 1 }
    }
    return low
  }
}
