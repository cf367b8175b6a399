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

/// The history pipeline: load every version (as `timeline` and `diff` do) → stop rules →
/// `HistoryBuilder`.
public enum HistoryRun {
  /// Reads the request's inputs and builds the history.
  public static func run(_ request: HistoryRequest) -> HistoryOutcome {
    var inputs = request.inputs
    inputs.asOf = request.to
    inputs.retention = .all
    return build(AuditRun.load(inputs), request: request)
  }

  /// The stop rules (any error stops; no rule pack stops), then the history.
  public static func build(_ workspace: Workspace, request: HistoryRequest) -> HistoryOutcome {
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
    let earliest = workspace.manifests.map(\.asOf).min()
    let from = request.from ?? earliest ?? request.to
    guard from <= request.to else {
      diagnostics.append(Diagnostic(.error, file: "--from", "\(from) is after --to \(request.to)",
        hint: "give a --from on or before --to"))
      return stop("an empty span of days")
    }
    diagnostics += AuditRun.nothingChecked(workspace, asOf: nil)
    if let earliest, request.to < earliest {
      diagnostics.append(Diagnostic(.warning, file: "--to",
        "\(request.to) is before every manifest (the earliest is as of \(earliest)): no platform is evaluated",
        hint: "pass --to \(earliest) or later"))
    }
    let history = HistoryBuilder.build(packs: workspace.packs, manifests: workspace.manifests,
      waivers: workspace.waivers, entities: workspace.entities, from: from, to: request.to)
    return HistoryOutcome(workspace: workspace, history: history, diagnostics: diagnostics.sorted(), stopReason: nil)
  }
}

/// Builds a `History` from loaded inputs: every result on `from`, then on each day of the
/// `ChangeSchedule` only the results whose inputs changed (`HistorySweep`).
public enum HistoryBuilder {
  /// The history of every result key from `from` to `to` (both inclusive).
  public static func build(
    packs: [RulePack], manifests: [Manifest], waivers: [Waiver] = [], entities: Entities = Entities(), from: Day, to: Day
  ) -> History {
    let obligations = packs.flatMap(\.obligations).sorted { ($0.pack, $0.id) < ($1.pack, $1.id) }
    let schedule = ChangeSchedule(manifests: manifests, obligations: obligations, waivers: waivers,
      entities: entities, from: from, to: to)
    var sweep = HistorySweep(obligations: obligations, manifests: manifests, waivers: waivers, entities: entities)
    _ = sweep.step(from, inputs: [], first: true)
    var changes: [History.ChangeDay] = []
    for day in schedule.dates {
      let inputs = schedule.days[day] ?? []
      let (evaluated, changed) = sweep.step(day, inputs: inputs, first: false)
      changes.append(History.ChangeDay(date: day, inputs: inputs, evaluated: evaluated, changed: changed))
    }
    let versions = ChangeSchedule.versionsByPlatform(manifests)
    let platforms = versions.keys.sorted().compactMap { id -> History.PlatformEntry? in
      let dates = (versions[id] ?? []).map(\.asOf).filter { $0 <= to }
      guard let latest = (versions[id] ?? []).last(where: { $0.asOf <= to }) else { return nil }
      let controller = entities.controller(of: id, on: to)?.entity
      return History.PlatformEntry(id: id, name: latest.name, nameEn: latest.nameEn, controller: controller?.id,
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
