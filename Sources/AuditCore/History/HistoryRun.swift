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
        hint: "pass --to \(earliest) or later"))
    }
    let obligations = HistoryBuilder.sortedObligations(workspace.packs)
    let (catalogue, schedule) = HistoryLoader.catalogue(workspace, obligations: obligations, from: from, to: request.to,
      limits: request.inputs.limits)
    let history = HistoryBuilder.build(packs: workspace.packs, catalogue: catalogue, schedule: schedule,
      waivers: workspace.waivers, entities: workspace.entities, from: from, to: request.to)
    return HistoryOutcome(workspace: workspace, history: history, diagnostics: diagnostics.sorted(), stopReason: nil)
  }
}

/// Builds a `History`: every result on `from`, then on each day of the `ChangeSchedule` only
/// the results whose inputs changed (`HistorySweep`).
public enum HistoryBuilder {
  /// The history of every result key from `from` to `to` (both inclusive), every version in memory.
  public static func build(
    packs: [RulePack], manifests: [Manifest], waivers: [Waiver] = [], entities: Entities = Entities(), from: Day, to: Day
  ) -> History {
    let obligations = sortedObligations(packs)
    let versions = ChangeSchedule.versionsByPlatform(manifests)
    let schedule = ChangeSchedule(manifests: manifests, obligations: obligations, waivers: waivers,
      entities: entities, from: from, to: to)
    let catalogue = VersionCatalogue(dates: versions.mapValues { $0.map(\.asOf) },
      names: versions.compactMapValues { list in list.last(where: { $0.asOf <= to }).map { ($0.name, $0.nameEn) } },
      fetch: { wanted in wanted.compactMap { versions[$0.platform]?[$0.index] } })
    return build(packs: packs, catalogue: catalogue, schedule: schedule, waivers: waivers, entities: entities, from: from, to: to)
  }

  /// The obligations in pack, id order, as the engine evaluates them.
  static func sortedObligations(_ packs: [RulePack]) -> [Obligation] {
    packs.flatMap(\.obligations).sorted { ($0.pack, $0.id) < ($1.pack, $1.id) }
  }

  /// The history from a catalogue of versions that reads each when it comes into force.
  static func build(
    packs: [RulePack], catalogue: VersionCatalogue, schedule: ChangeSchedule, waivers: [Waiver], entities: Entities,
    from: Day, to: Day
  ) -> History {
    let obligations = sortedObligations(packs)
    var sweep = HistorySweep(obligations: obligations, versions: catalogue.dates, waivers: waivers, entities: entities,
      fetch: catalogue.fetch)
    _ = sweep.step(from, inputs: [], first: true)
    var changes: [History.ChangeDay] = []
    for day in schedule.dates {
      let inputs = schedule.days[day] ?? []
      let (evaluated, changed) = sweep.step(day, inputs: inputs, first: false)
      changes.append(History.ChangeDay(date: day, inputs: inputs, evaluated: evaluated, changed: changed))
    }
    let platforms = catalogue.dates.keys.sorted().compactMap { id -> History.PlatformEntry? in
      let dates = (catalogue.dates[id] ?? []).filter { $0 <= to }
      guard !dates.isEmpty else { return nil }
      let controller = entities.controller(of: id, on: to)?.entity
      let names = catalogue.names[id]
      return History.PlatformEntry(id: id, name: names?.name, nameEn: names?.nameEn, controller: controller?.id,
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

/// Every platform's version dates, the names of its latest version on the last day, and how to
/// read a version when it comes into force.
struct VersionCatalogue {
  var dates: [String: [Day]]
  var names: [String: (name: String?, nameEn: String?)]
  var fetch: HistorySweep.Fetch
}
