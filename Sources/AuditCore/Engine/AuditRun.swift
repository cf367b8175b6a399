import Foundation

/// What one audit run asks for: the paths a user gave (or none), explicit rule packs and
/// waivers, the date, and whether to go on past unreadable files. `audit run` builds one from
/// its arguments; each side of `audit diff` and `audit timeline` build theirs.
public struct RunRequest: Sendable {
  /// Manifest files or directories; empty means `defaults.manifests`.
  public var paths: [String]
  /// Rule pack files or directories (`--rules`); empty means the rule packs among `paths`, or
  /// else `defaults.rules`.
  public var rules: [String]
  /// Waiver files (`--waivers`).
  public var waivers: [String]
  public var asOf: Day
  /// Evaluate what can be read even when some inputs have errors.
  public var keepGoing: Bool
  /// Count every warning left after `allowed` as an error.
  public var strict: Bool
  /// Warning codes to drop (`--allow`).
  public var allowed: [String] = []
  /// Whether a run that would check nothing is an error (`audit run`); a side of `audit diff`
  /// may be empty (its results all new or all removed), so it says no.
  public var requiresChecks = true
  /// Recorded in the results document when set (`--timestamp`).
  public var generatedAt: String?
  public var defaults: Defaults
  public var limits: YAMLLimits
  /// Which manifest versions are kept after every file is checked: `audit run` keeps only those
  /// in force on `asOf` and their predecessors; `diff`, `timeline` and `test` keep all.
  public var retention: Workspace.Retention = .all

  /// The directories used when nothing is given, relative to the current directory.
  public struct Defaults: Sendable {
    public var manifests: String
    public var rules: String
    public init(manifests: String = "manifests", rules: String = "Rules") {
      self.manifests = manifests
      self.rules = rules
    }
  }

  public init(
    paths: [String] = [], rules: [String] = [], waivers: [String] = [], asOf: Day,
    keepGoing: Bool = false, strict: Bool = false, generatedAt: String? = nil,
    defaults: Defaults = Defaults(), limits: YAMLLimits = .default
  ) {
    self.paths = paths
    self.rules = rules
    self.waivers = waivers
    self.asOf = asOf
    self.keepGoing = keepGoing
    self.strict = strict
    self.generatedAt = generatedAt
    self.defaults = defaults
    self.limits = limits
  }

  /// What the run does with its warnings.
  public var policy: WarningPolicy { WarningPolicy(allowed: allowed, strict: strict) }
}

/// What a run produced unless a stop rule fired — its header and summary, and the whole
/// results document when it kept its results — and every problem met.
public struct RunOutcome: Sendable {
  /// What was read.
  public var workspace: Workspace
  /// The results, when the run kept them (`evaluate(_:request:)`); `nil` when it stopped
  /// before evaluating or streamed its results into a sink.
  public var document: ResultsDocument?
  /// What the results document says before its results; `nil` when the run stopped.
  public var header: RunHeader?
  /// What it says after them; `nil` when the run stopped.
  public var summary: RunSummary?
  /// Every problem from loading, the stop rules and evaluation, sorted.
  public var diagnostics: [Diagnostic]
  /// Why the run stopped before evaluating, in one line; `nil` when it did not.
  public var stopReason: String?
  /// Input files that could not be read or decoded, which `--keep-going` evaluates around.
  public var unreadable: [String]

  /// The counts over every result, also when the document keeps none.
  public var tally: ResultTally { summary?.tally ?? ResultTally() }

  /// Whether the run stopped before evaluating.
  public var stopped: Bool { summary == nil }
}

/// The one run pipeline: resolve inputs (defaults only when nothing is given) → load → stop
/// rules → evaluate → results (kept, or streamed into a sink). `audit run` (through
/// `ReportPipeline.run`), both sides of `audit diff` and `audit timeline` (for the loading) go
/// through it, so the rules are testable without a process.
public enum AuditRun {
  /// Runs a request read from disk.
  public static func run(_ request: RunRequest) -> RunOutcome {
    evaluate(load(request), request: request)
  }

  /// Reads a request's inputs: the paths (or the default manifests directory), the rule packs
  /// given, else those among the paths, else the default `Rules/` (an error when `requireRules`
  /// and it does not exist), and the waivers.
  public static func load(_ request: RunRequest, requireRules: Bool = true) -> Workspace {
    var paths = request.paths
    var problems: [Diagnostic] = []
    if paths.isEmpty {
      if exists(request.defaults.manifests) {
        paths = [request.defaults.manifests]
      } else {
        problems.append(missingDefault(request.defaults.manifests, what: "PATH", option: "give manifest files or directories"))
      }
    }
    let found = InputFinder.find(unique(paths + request.rules + request.waivers))
    // Files are read, parsed and decoded a batch at a time: no run holds every parse tree.
    var workspace = Workspace.load(found: found, limits: request.limits, keeping: request.retention) { read in
      guard request.rules.isEmpty, !read.inputs.contains(where: { $0.kinds.contains(.rules) }) else { return ([], []) }
      guard exists(request.defaults.rules) else {
        if requireRules { problems.append(noRules(request)) }
        return ([], [])
      }
      // The same file reached two ways (`audit run . ` reads Rules/ under `.` too) is one input.
      let defaults = InputFinder.find([request.defaults.rules])
      let known = Set(read.inputs.map { InputFinder.realPath($0.path) ?? $0.path })
      return (defaults.files.filter { !known.contains(InputFinder.realPath($0) ?? $0) }, defaults.diagnostics)
    }
    workspace.diagnostics = (problems + workspace.diagnostics).sorted()
    return workspace
  }

  /// Runs on files already read (from disk or from a git revision). `rules` are added unless
  /// a file of the same path is among `files`; when `request.rules` is empty and no file holds
  /// a rule pack, `defaultRules` is asked for the default `Rules/` (`nil`: it does not exist).
  public static func run(
    files: [SourceFile], rules: [SourceFile] = [], request: RunRequest, diagnostics: [Diagnostic] = [],
    defaultRules: () -> (files: [SourceFile], diagnostics: [Diagnostic])?
  ) -> RunOutcome {
    let workspace = load(files: files, rules: rules, request: request, diagnostics: diagnostics,
      requireRules: true, defaultRules: defaultRules)
    return evaluate(workspace, request: request)
  }

  private static func load(
    files: [SourceFile], rules: [SourceFile] = [], request: RunRequest, diagnostics: [Diagnostic],
    requireRules: Bool, defaultRules: () -> (files: [SourceFile], diagnostics: [Diagnostic])?
  ) -> Workspace {
    var problems = diagnostics
    // The same file reached two ways (`audit diff . manifests` reads Rules/ under `.` and as the
    // default rules) is one input: compare real paths, not the strings given.
    func identity(_ file: SourceFile) -> String { InputFinder.realPath(file.path) ?? file.path }
    var all = files
    if !rules.isEmpty {
      let paths = Set(files.map(identity))
      all += rules.filter { !paths.contains(identity($0)) }
    }
    if request.rules.isEmpty && rules.isEmpty && !all.contains(where: \.declaresRules) {
      if let defaults = defaultRules() {
        let known = Set(all.map(identity))
        all += defaults.files.filter { !known.contains(identity($0)) }
        problems += defaults.diagnostics
      } else if requireRules {
        problems.append(noRules(request))
      }
    }
    var workspace = Workspace.load(files: all, keeping: request.retention)
    workspace.diagnostics = (problems + workspace.diagnostics).sorted()
    return workspace
  }

  /// The stop rules, then evaluation: errors stop the run unless `keepGoing`; no rule pack
  /// stops it; "nothing was checked" warnings (errors under `strict`) are added. Every result is
  /// kept in the document.
  public static func evaluate(_ workspace: Workspace, request: RunRequest) -> RunOutcome {
    var outcome = stopRules(workspace, request: request)
    guard outcome.stopReason == nil else { return outcome }
    let evaluation = engine(outcome.workspace, request).evaluate(manifests: workspace.manifests, waivers: workspace.waivers,
      broken: workspace.brokenManifests)
    let header = RunHeader(workspace: outcome.workspace, evaluation: evaluation, generatedAt: request.generatedAt,
      unreadableInputs: outcome.unreadable.isEmpty ? nil : outcome.unreadable.count)
    let summary = RunSummary(header: header, evaluation: evaluation, workspace: outcome.workspace)
    outcome.finish(header, summary, evaluation, request: request)
    outcome.document = ResultsDocument(header: header, results: evaluation.results, summary: summary)
    return outcome
  }

  /// The same, streaming the results into `sink` in its phases: `begin` with the header once the
  /// platforms in force are known, the results batch by batch, `finish` with the summary. The
  /// outcome keeps no results. Throws what the sink throws.
  public static func evaluate(_ workspace: Workspace, request: RunRequest, into sink: any ResultSink) throws -> RunOutcome {
    var outcome = stopRules(workspace, request: request)
    guard outcome.stopReason == nil else { return outcome }
    let checked = outcome.workspace
    let unreadable = outcome.unreadable.isEmpty ? nil : outcome.unreadable.count
    var begun: RunHeader?
    let evaluation = try engine(checked, request).stream(manifests: workspace.manifests, waivers: workspace.waivers,
      broken: workspace.brokenManifests) { shell in
        let header = RunHeader(workspace: checked, evaluation: shell, generatedAt: request.generatedAt, unreadableInputs: unreadable)
        try sink.begin(header)
        begun = header
        return [sink]
      }
    guard let header = begun else { preconditionFailure("the engine makes its consumers before its first result") }
    let summary = RunSummary(header: header, evaluation: evaluation, workspace: checked)
    try sink.finish(summary)
    outcome.finish(header, summary, evaluation, request: request)
    return outcome
  }

  private static func engine(_ workspace: Workspace, _ request: RunRequest) -> Engine {
    Engine(packs: workspace.packs, asOf: request.asOf, entities: workspace.entities)
  }

  /// The stop rules, and the "checks less than it seems" warnings, under the request's warning
  /// policy: the outcome of a run that stopped, or the start of one that goes on (its workspace
  /// carrying every diagnostic so far). A run that would check nothing stops (exit 2).
  private static func stopRules(_ workspace: Workspace, request: RunRequest) -> RunOutcome {
    var diagnostics = workspace.diagnostics
    let unreadable = unreadableFiles(workspace)
    var stop: String?
    if workspace.inputs.isEmpty && workspace.diagnostics.hasErrors {
      stop = "nothing could be read"
    } else if workspace.diagnostics.hasErrors && !request.keepGoing {
      stop = "\(workspace.diagnostics.tally) in \(workspace.inputs.count) file\(workspace.inputs.count == 1 ? "" : "s"); fix them, or pass --keep-going to report what can be evaluated"
    } else if workspace.packs.isEmpty {
      if !diagnostics.hasErrors {
        diagnostics.append(Diagnostic(.error, file: request.paths.first ?? request.defaults.manifests,
          "no rule packs among the inputs", hint: "pass --rules DIR"))
      }
      stop = "no rule packs to evaluate with"
    } else if request.requiresChecks, let nothing = nothingToCheck(workspace, request: request) {
      diagnostics.append(nothing)
      stop = "nothing to check"
    }
    diagnostics = request.policy.apply(diagnostics + nothingChecked(workspace, asOf: request.asOf))
    var checked = workspace
    if stop == nil { checked.diagnostics = diagnostics }
    return RunOutcome(workspace: checked, document: nil, header: nil, summary: nil, diagnostics: diagnostics.sorted(),
      stopReason: stop, unreadable: unreadable)
  }

  /// Loads rule packs for `audit test` and `audit explain`: the paths given, else the default;
  /// the diagnostics say why nothing can be run.
  public static func loadRules(_ paths: [String], defaults: RunRequest.Defaults = .init()) -> Workspace {
    guard paths.isEmpty else { return Workspace.load(paths) }
    guard exists(defaults.rules) else {
      var workspace = Workspace()
      workspace.diagnostics = [missingDefault(defaults.rules, what: "rule pack path", option: "give rule pack files or directories")]
      return workspace
    }
    return Workspace.load([defaults.rules])
  }

  /// `audit check`: reads the files under `paths` and finds every problem without evaluating —
  /// per file, across files, values a rule compares on a scale but that are not on it, and
  /// scopes that select nothing — sorted. No more than a batch of parse trees is held at once:
  /// the workspace keeps the manifests without their capability trees, and when there are rule
  /// packs (known only once every file is read) the manifests are read again a batch at a time
  /// for the checks that walk the trees. The workspace's manifests have no capabilities.
  public static func check(_ paths: [String]) -> (workspace: Workspace, diagnostics: [Diagnostic]) {
    let workspace = Workspace.load(paths, keeping: .scopes)
    var offScale: [Diagnostic] = []
    var reach = RulePathCheck.Reach(workspace.packs)
    if !workspace.packs.isEmpty {
      let files = workspace.inputs.filter { $0.kinds.contains(.platform) }.map(\.path)
      Workspace.forEachManifestBatch(files) { batch in
        offScale += ScaleValueCheck.check(batch, packs: workspace.packs)
        reach.add(batch)
      }
    }
    let unchecked = workspace.manifests.isEmpty ? []
      : ScopeVocabulary.check(workspace.packs, manifests: workspace.manifests) + reach.problems()
    return (workspace, (workspace.diagnostics + offScale + unchecked).sorted())
  }

  /// Warnings that a run checks less than it seems to: scope values that the manifests and the
  /// packs do not share, and capability paths that rules read and no manifest has.
  public static func nothingChecked(_ workspace: Workspace, asOf: Day?) -> [Diagnostic] {
    guard !workspace.manifests.isEmpty else { return [] }
    return ScopeVocabulary.check(workspace.packs, manifests: workspace.manifests)
      + RulePathCheck.check(workspace.packs, manifests: workspace.manifests)
  }

  /// The error of a run that would check nothing, never a green exit: no manifest among the
  /// inputs (or only rule packs), or none in force on `--as-of`.
  static func nothingToCheck(_ workspace: Workspace, request: RunRequest) -> Diagnostic? {
    let place = request.paths.first ?? request.defaults.manifests
    let days = workspace.versions.values.flatMap { $0 }
    if days.isEmpty && workspace.brokenManifests.isEmpty {
      let onlyRules = !workspace.inputs.isEmpty && workspace.inputs.allSatisfy { $0.kinds.allSatisfy { $0 == .rules } }
      return onlyRules
        ? Diagnostic(.error, file: place, "the paths hold only rule packs, so there is no manifest to check",
          hint: "give manifest files or directories, and the packs with --rules (audit run manifests --rules Rules/…)")
        : Diagnostic(.error, file: place, "no manifest (kind: platform) among the inputs, so there is nothing to check",
          hint: "give manifest files or directories")
    }
    if let earliest = days.min(), request.asOf < earliest, workspace.brokenManifests.isEmpty {
      return Diagnostic(.error, file: "--as-of",
        "\(request.asOf) is before every manifest (the earliest is as of \(earliest)): no platform is in force, so there is nothing to check",
        hint: "pass --as-of \(earliest) or later")
    }
    return nil
  }

  /// The error of a run in which no obligation applied to any platform: every result
  /// `not_applicable` (or none at all) is a run that checked nothing.
  static func nothingApplied(_ tally: ResultTally, request: RunRequest) -> Diagnostic? {
    guard tally.byStatus[.notApplicable] == tally.results else { return nil }
    return Diagnostic(.error, file: request.paths.first ?? request.defaults.manifests,
      "no obligation applies to any platform in force (\(tally.results) result\(tally.results == 1 ? "" : "s"), all not applicable), so nothing was checked",
      hint: "compare the packs' applies_to with the manifests' categories and jurisdictions (see the warnings), or pass the packs for these platforms")
  }

  /// No `--rules`, no rule pack among the inputs, and no default `Rules/` to fall back on.
  static func noRules(_ request: RunRequest) -> Diagnostic {
    Diagnostic(.error, file: request.defaults.rules,
      "no --rules given, no rule pack among the paths, and ./\(request.defaults.rules) does not exist",
      hint: "pass --rules DIR")
  }

  /// "no PATH given and ./manifests does not exist".
  static func missingDefault(_ path: String, what: String, option: String) -> Diagnostic {
    Diagnostic(.error, file: path, "no \(what) given and ./\(path) does not exist",
      hint: "\(option), or run from a directory that has \(path)/")
  }

  /// Files with an error of their own (unreadable, unparsable or undecodable).
  static func unreadableFiles(_ workspace: Workspace) -> [String] {
    let paths = Set(workspace.inputs.map(\.path))
    return Set(workspace.diagnostics.filter { $0.severity == .error }.compactMap(\.file).filter(paths.contains))
      .sorted()
  }

  static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

  private static func unique(_ paths: [String]) -> [String] {
    var seen = Set<String>()
    return paths.filter { seen.insert($0).inserted }
  }
}

extension RunOutcome {
  /// Records a finished evaluation: its header, summary and the diagnostics it added (under
  /// the request's policy), and the error of a run in which nothing applied.
  fileprivate mutating func finish(_ header: RunHeader, _ summary: RunSummary, _ evaluation: Evaluation, request: RunRequest) {
    self.header = header
    self.summary = summary
    let nothing = request.requiresChecks ? AuditRun.nothingApplied(summary.tally, request: request) : nil
    diagnostics = (request.policy.apply(diagnostics + evaluation.diagnostics) + [nothing].compactMap { $0 }).sorted()
  }
}

extension SourceFile {
  /// Whether a document of the file says `kind: rules`, so that it replaces the default `Rules/`.
  public var declaresRules: Bool {
    documents.contains { $0.root.kind == .mapping && $0.root["kind"]?.text == "rules" }
  }
}
