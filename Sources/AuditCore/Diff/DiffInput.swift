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

  /// `results`, `manifests` or `git`.
  public var kind: String {
    switch self {
    case .results: "results"
    case .manifests: "manifests"
    case .git: "git"
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
  public var results: [Result]
  /// The platform versions the results are about.
  public var platforms: [ResultsDocument.Platform]
  public var inputs: [Workspace.Input]
  /// Every problem met while reading or evaluating; errors make the diff exit 2.
  public var diagnostics: [Diagnostic]
}

/// Loads the sides of a diff: reads results, or evaluates manifests with the given rule files.
public enum DiffInput {
  /// Reads and parses the YAML files under `paths` from disk (rule packs, or manifests).
  public static func readFiles(_ paths: [String]) -> (files: [SourceFile], diagnostics: [Diagnostic]) {
    let (found, diagnostics) = InputFinder.find(paths)
    return (parallelMap(found) { SourceFile.load($0) }, diagnostics)
  }

  /// Loads one side. Manifests are evaluated as of `asOf` against `rules` (read once, shared by
  /// both sides); rule packs, waivers and timelines found next to the manifests count too.
  public static func load(_ source: DiffSource, rules: [SourceFile], asOf: Day, git: GitReader = GitReader())
    -> DiffSide
  {
    switch source {
    case .results(let path):
      guard let data = FileManager.default.contents(atPath: path) else {
        return failed(source, Diagnostic(.error, file: path, "cannot read results file"))
      }
      return results(source, data: data, path: path)
    case .manifests(let path):
      let (files, found) = readFiles([path])
      return evaluate(source, files: files, rules: rules, asOf: asOf, diagnostics: found)
    case .git(let rev, let path):
      let files: [GitReader.File]
      do {
        files = try git.files(rev: rev, path: path)
      } catch let diagnostic as Diagnostic {
        return failed(source, diagnostic)
      } catch {
        return failed(source, Diagnostic(.error, file: source.description, "\(error)"))
      }
      if files.count == 1, let file = files.first, file.path.hasSuffix(".json") {
        return results(source, data: Data(file.bytes), path: "\(rev):\(file.path)")
      }
      let yaml = files.filter { isYAML($0.path) }
      guard !yaml.isEmpty else {
        return failed(source, Diagnostic(.error, file: source.description, "no YAML files at '\(path)' in \(rev)",
          hint: "PATH is relative to the current directory, e.g. HEAD~1:manifests"))
      }
      let parsed = parallelMap(yaml) { SourceFile.parse($0.bytes, path: "\(rev):\($0.path)") }
      return evaluate(source, files: parsed, rules: rules, asOf: asOf, diagnostics: [])
    }
  }

  /// Evaluates parsed manifest files (with `rules`, dropping rule files read twice) as of a date.
  public static func evaluate(
    _ source: DiffSource, files: [SourceFile], rules: [SourceFile], asOf: Day, diagnostics: [Diagnostic] = []
  ) -> DiffSide {
    // The same file reached two ways (`audit diff . manifests` reads Rules/ under `.` and as
    // --rules) is one input: compare real paths, not the strings given.
    let rulePaths = Set(rules.map { InputFinder.realPath($0.path) ?? $0.path })
    let workspace = Workspace.load(
      files: files.filter { !rulePaths.contains(InputFinder.realPath($0.path) ?? $0.path) } + rules)
    var problems = diagnostics + workspace.diagnostics
    guard !workspace.packs.isEmpty else {
      problems.append(Diagnostic(.error, file: source.description, "no rule packs to evaluate these manifests with",
        hint: "pass --rules DIR"))
      return DiffSide(source: source, asOf: asOf, results: [], platforms: [], inputs: workspace.inputs, diagnostics: problems)
    }
    let evaluation = Engine(packs: workspace.packs, asOf: asOf)
      .evaluate(manifests: workspace.manifests, waivers: workspace.waivers, broken: workspace.brokenManifests)
    let document = ResultsDocument(workspace: workspace, evaluation: evaluation)
    problems += evaluation.diagnostics
    return DiffSide(source: source, asOf: asOf, results: document.results, platforms: document.platforms,
      inputs: document.inputs, diagnostics: problems.sorted())
  }

  private static func results(_ source: DiffSource, data: Data, path: String) -> DiffSide {
    do {
      let document = try ResultsDocument.decode(data, path: path)
      return DiffSide(source: source, asOf: document.asOf, results: document.results,
        platforms: document.platforms, inputs: document.inputs, diagnostics: [])
    } catch let diagnostic as Diagnostic {
      return failed(source, diagnostic)
    } catch {
      return failed(source, Diagnostic(.error, file: path, "\(error)"))
    }
  }

  private static func failed(_ source: DiffSource, _ diagnostic: Diagnostic) -> DiffSide {
    DiffSide(source: source, asOf: nil, results: [], platforms: [], inputs: [], diagnostics: [diagnostic])
  }

  private static func isYAML(_ path: String) -> Bool {
    guard path.hasSuffix(".yaml") || path.hasSuffix(".yml") else { return false }
    return !path.split(separator: "/").contains { $0.hasPrefix(".") && $0 != "." && $0 != ".." }
  }
}
