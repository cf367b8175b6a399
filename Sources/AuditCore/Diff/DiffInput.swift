import Foundation

/// Where one side of `audit diff` comes from: a results JSON, manifests on disk, or manifests
/// (or a results JSON) in a git revision, written `REV:PATH` with PATH relative to the current
/// directory.
public enum DiffSource: Sendable, Hashable, CustomStringConvertible {
  case results(String)
  case manifests(String)
  case git(rev: String, path: String)

  /// Reads an argument: an existing `*.json` file is results, another existing file or a
  /// directory is manifests; otherwise `REV:PATH` names a git revision (a path that exists wins
  /// over that reading).
  public static func parse(_ argument: String) -> DiffSource {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) {
      return !isDirectory.boolValue && argument.hasSuffix(".json") ? .results(argument) : .manifests(argument)
    }
    if let colon = argument.firstIndex(of: ":"), colon != argument.startIndex {
      return .git(rev: String(argument[..<colon]), path: String(argument[argument.index(after: colon)...]))
    }
    return argument.hasSuffix(".json") ? .results(argument) : .manifests(argument)
  }

  /// What a side is read from, as `diff.json` records it.
  public enum Kind: String, Codable, Sendable, Hashable {
    case results, manifests, git
  }

  /// What this side is read from.
  public var kind: Kind {
    switch self {
    case .results: .results
    case .manifests: .manifests
    case .git: .git
    }
  }

  public var description: String {
    switch self {
    case .results(let path), .manifests(let path): path
    case .git(let rev, let path): "\(rev):\(path)"
    }
  }
}

/// One side of a diff, loaded: its results and what they were computed from.
public struct DiffSide: Sendable {
  public var source: DiffSource
  /// The evaluation date: `--as-of` for manifests, the document's own for a results file.
  public var asOf: Day?
  /// The results of evaluated manifests; empty for a results file, which `reader` reads as the
  /// diff walks it.
  public var results: [Result]
  /// A results file, read one result at a time.
  public var reader: ResultsReader? = nil
  /// The platform versions the results are about.
  public var platforms: [ResultsDocument.Platform]
  public var inputs: [Workspace.Input]
  /// The rule packs' ids in document order, which the results follow.
  public var packs: [String] = []
  /// Every problem met while reading or evaluating; errors make the diff exit 2.
  public var diagnostics: [Diagnostic]

  public init(
    source: DiffSource, asOf: Day?, results: [Result], reader: ResultsReader? = nil, platforms: [ResultsDocument.Platform],
    inputs: [Workspace.Input], packs: [String] = [], diagnostics: [Diagnostic]
  ) {
    self.source = source
    self.asOf = asOf
    self.results = results
    self.reader = reader
    self.platforms = platforms
    self.inputs = inputs
    self.packs = packs
    self.diagnostics = diagnostics
  }

  /// The results in document order, one at a time.
  func cursor() -> () throws -> Result? {
    if let reader {
      let cursor = reader.cursor()
      return { try cursor.next() }
    }
    var iterator = results.makeIterator()
    return { iterator.next() }
  }

  /// Every result (a results file is read whole).
  public func allResults() throws -> [Result] { try reader?.all() ?? results }

  /// Refuses two results of one key in a results file.
  func checkUniqueKeys(_ results: [Result]) throws {
    guard reader != nil else { return }
    try ResultsDocument.checkUniqueKeys(results, path: source.description)
  }
}

/// What `audit diff` compares: two sides, the rule packs given (none: the default of
/// `defaults`), and the date each side's manifests are evaluated at.
public struct DiffRequest: Sendable {
  public var old: DiffSource
  public var new: DiffSource
  /// Rule pack files or directories (`--rules`); empty means the rule packs next to each side's
  /// manifests, else `defaults.rules`.
  public var rules: [String]
  public var oldAsOf: Day
  public var newAsOf: Day
  public var defaults: RunRequest.Defaults
  /// How many entries per obligation and class the human reports list (`--findings`; `nil`: all).
  public var listed: Int? = nil

  public init(old: DiffSource, new: DiffSource, rules: [String] = [], oldAsOf: Day, newAsOf: Day,
              defaults: RunRequest.Defaults = .init()) {
    self.old = old
    self.new = new
    self.rules = rules
    self.oldAsOf = oldAsOf
    self.newAsOf = newAsOf
    self.defaults = defaults
  }
}

/// Loads the sides of a diff: reads results, or evaluates manifests with the given rule files.
public enum DiffInput {
  /// Loads both sides and compares them; the diagnostics of both sides and of the rule packs,
  /// each once, sorted. The rule packs are read once and shared by both sides; the default
  /// rule packs (`request.defaults.rules`) are read only when no `--rules` is given and exist.
  public static func compare(_ request: DiffRequest, git: GitReader = GitReader()) -> (document: DiffDocument, diagnostics: [Diagnostic]) {
    let (ruleFiles, ruleProblems) = request.rules.isEmpty ? ([], []) : readFiles(request.rules)
    let defaults = request.rules.isEmpty && AuditRun.exists(request.defaults.rules) ? readFiles([request.defaults.rules]) : nil
    let before = load(request.old, rules: ruleFiles, asOf: request.oldAsOf, git: git, defaultRules: defaults, defaults: request.defaults)
    let after = load(request.new, rules: ruleFiles, asOf: request.newAsOf, git: git, defaultRules: defaults, defaults: request.defaults)
    var problems = ruleProblems + before.diagnostics + after.diagnostics
    let document: DiffDocument
    do {
      document = try DiffDocument(old: before, new: after, listed: request.listed)
    } catch {
      problems += (error as? DiagnosticError)?.diagnostics ?? [Diagnostic(.error, file: request.new.description, "cannot read the results: \(error)")]
      document = DiffDocument(old: before, new: after, entries: [])
    }
    return (document, Array(Set(problems)).sorted())
  }

  /// Reads and parses the YAML files under `paths` from disk (rule packs, or manifests).
  package static func readFiles(_ paths: [String]) -> (files: [SourceFile], diagnostics: [Diagnostic]) {
    let (found, diagnostics) = InputFinder.find(paths)
    return (parallelMap(found) { SourceFile.load($0) }, diagnostics)
  }

  /// Loads one side. Manifests are evaluated as of `asOf` through `AuditRun`, with `rules`
  /// (read once, shared by both sides); rule packs, waivers and timelines found next to the
  /// manifests count too, and `defaultRules` (the default `Rules/`, when it exists) are used
  /// when neither gives a rule pack.
  public static func load(
    _ source: DiffSource, rules: [SourceFile], asOf: Day, git: GitReader = GitReader(),
    defaultRules: (files: [SourceFile], diagnostics: [Diagnostic])? = nil, defaults: RunRequest.Defaults = .init()
  ) -> DiffSide {
    switch source {
    case .results(let path):
      // Mapped, not read: the walk touches each result once and gives its pages back.
      if let data = ResultsReader.map(path) { return results(source, data: data, path: path, mapped: true) }
      guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)) else {
        let exists = FileManager.default.fileExists(atPath: path)
        return failed(source, Diagnostic(.error, file: path, exists ? "cannot read results file" : "no such file or directory",
          hint: exists ? "check its permissions" : "give a results.json, a manifests directory or GIT-REV:PATH"))
      }
      return results(source, data: data, path: path, mapped: false)
    case .manifests(let path):
      let (files, found) = readFiles([path])
      return evaluate(source, files: files, rules: rules, asOf: asOf, diagnostics: found, defaultRules: defaultRules,
        defaults: defaults)
    case .git(let rev, let path):
      let files: [GitReader.File]
      do {
        files = try git.files(rev: rev, path: path)
      } catch let failure as DiagnosticError {
        return failed(source, failure.diagnostics)
      } catch {
        return failed(source, Diagnostic(.error, file: source.description, "cannot read from git",
          hint: "check that REV names a commit and PATH exists in it"))
      }
      if files.count == 1, let file = files.first, file.path.hasSuffix(".json") {
        return results(source, data: Data(file.bytes), path: "\(rev):\(file.path)", mapped: false)
      }
      let yaml = files.filter { isYAML($0.path) }
      guard !yaml.isEmpty else {
        return failed(source, Diagnostic(.error, file: source.description, "no YAML files at '\(path)' in \(rev)",
          hint: "PATH is relative to the current directory, e.g. HEAD~1:manifests"))
      }
      let parsed = parallelMap(yaml) { SourceFile.parse($0.bytes, path: "\(rev):\($0.path)") }
      return evaluate(source, files: parsed, rules: rules, asOf: asOf, diagnostics: [], defaultRules: defaultRules,
        defaults: defaults)
    }
  }

  /// Evaluates parsed manifest files (with `rules`, dropping rule files read twice) as of a
  /// date, through the one run pipeline.
  public static func evaluate(
    _ source: DiffSource, files: [SourceFile], rules: [SourceFile], asOf: Day, diagnostics: [Diagnostic] = [],
    defaultRules: (files: [SourceFile], diagnostics: [Diagnostic])? = nil, defaults: RunRequest.Defaults = .init()
  ) -> DiffSide {
    var request = RunRequest(paths: [source.description], asOf: asOf, defaults: defaults)
    request.requiresChecks = false
    let outcome = AuditRun.run(files: files, rules: rules, request: request, diagnostics: diagnostics,
      defaultRules: { defaultRules })
    guard let document = outcome.document else {
      var problems = outcome.diagnostics
      if !problems.hasErrors, let reason = outcome.stopReason {
        problems.append(Diagnostic(.error, file: source.description, reason))
      }
      return DiffSide(source: source, asOf: asOf, results: [], platforms: [], inputs: outcome.workspace.inputs,
        diagnostics: problems)
    }
    return DiffSide(source: source, asOf: asOf, results: document.results, platforms: document.platforms,
      inputs: document.inputs, packs: document.packs.map(\.id), diagnostics: outcome.diagnostics)
  }

  /// A results file: its header now, its results as the diff walks them; `mapped` when `data`
  /// maps the file (its pages may be given back), not when it was read from git.
  private static func results(_ source: DiffSource, data: Data, path: String, mapped: Bool) -> DiffSide {
    do {
      let reader = try ResultsReader(data: data, path: path, mapped: mapped)
      let document = reader.document
      return DiffSide(source: source, asOf: document.asOf, results: [], reader: reader,
        platforms: document.platforms, inputs: document.inputs, packs: document.packs.map(\.id), diagnostics: [])
    } catch let failure as DiagnosticError {
      return failed(source, failure.diagnostics)
    } catch {
      return failed(source, Diagnostic(.error, file: path, "not a results document",
        hint: "pass a results.json written by 'audit run'"))
    }
  }

  private static func failed(_ source: DiffSource, _ diagnostic: Diagnostic) -> DiffSide {
    failed(source, [diagnostic])
  }

  private static func failed(_ source: DiffSource, _ diagnostics: [Diagnostic]) -> DiffSide {
    DiffSide(source: source, asOf: nil, results: [], platforms: [], inputs: [], diagnostics: diagnostics)
  }

  private static func isYAML(_ path: String) -> Bool {
    guard path.hasSuffix(".yaml") || path.hasSuffix(".yml") else { return false }
    return !path.split(separator: "/").contains { $0.hasPrefix(".") && $0 != "." && $0 != ".." }
  }
}
