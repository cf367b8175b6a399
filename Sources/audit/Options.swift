import ArgumentParser
import AuditCore
import AuditReports
import Foundation

/// Values of an option that may be repeated and comma-separated (`--rules A --rules B`,
/// `--rules A,B`); a value that names an existing path is kept whole even if it has a comma.
func listValues(_ values: [String]) -> [String] {
  values.flatMap { value -> [String] in
    if FileManager.default.fileExists(atPath: value) { return [value] }
    return value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
  }.filter { !$0.isEmpty }
}

/// Where rule packs come from; shared by run, check, timeline, explain, list and diff.
struct RulesOptions: ParsableArguments {
  @Option(name: [.customShort("r"), .customLong("rules")],
    help: ArgumentHelp("Read rule packs from this file or directory, or the installed pack of this name (cn-interop); repeat, or separate with commas (default: the config's rules, else the rule packs among the paths, else Rules).", valueName: "path|name"),
    completion: .file())
  var rules: [String] = []

  /// The rule paths given, else the config's, each pack name replaced by its directory
  /// (`RulePackLocator`); empty when neither gives any (the pipeline then picks the default).
  func paths(_ config: ProjectConfig?) throws(DiagnosticError) -> [String] { try Self.paths(rules, config) }

  /// The same for values not parsed from a command line (shell completion).
  static func paths(_ values: [String], _ config: ProjectConfig?) throws(DiagnosticError) -> [String] {
    try RulePackLocator.forThisProcess.resolve(values.isEmpty ? config?.rules ?? [] : listValues(values))
  }
}

extension RulePackLocator {
  /// The search path of this process: `$AUDIT_RULES_PATH`, then the packs installed beside the
  /// real executable, then a build tree's `Rules/`.
  static var forThisProcess: RulePackLocator {
    .standard(environment: ProcessInfo.processInfo.environment,
      executable: try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
  }
}

/// `--config FILE`, else `./.interop-audit.yaml` when it exists: the project's defaults, which
/// every option given on the command line overrides.
struct ConfigOptions: ParsableArguments {
  @Option(name: .customLong("config"),
    help: ArgumentHelp("Read project defaults from this file (default: ./\(ProjectConfig.fileName) when it exists).", valueName: "file"),
    completion: .file(extensions: ["yaml", "yml"]))
  var file: String?

  /// The names a config's `formats` may take: every format and its aliases.
  static var formatNames: [String] { ReportFormats.identifiers + ReportFormats.aliases.keys.sorted() }

  /// The config, or `nil` when none is given and there is none here; a config with errors stops
  /// the command (its warnings are printed).
  func load() throws(DiagnosticError) -> ProjectConfig? { try Self.load(file) }

  /// The same for a file not parsed from a command line (shell completion).
  static func load(_ file: String?) throws(DiagnosticError) -> ProjectConfig? {
    let path = file ?? ProjectConfig.fileName
    guard FileManager.default.fileExists(atPath: path) else {
      guard let file else { return nil }
      throw DiagnosticError([Diagnostic(.error, file: file, "no such config file",
        hint: "pass an existing file to --config, or leave --config out to read ./\(ProjectConfig.fileName)")])
    }
    let (config, diagnostics) = ProjectConfig.load(path, formats: Self.formatNames,
      languages: ReportLanguage.allCases.map(\.rawValue))
    guard let config else {
      throw DiagnosticError(diagnostics, summary: "audit: \(path) has errors; nothing was read or written")
    }
    FileHandleOutput.report(diagnostics)
    return config
  }
}

/// Report formats and where they go, for `run`.
struct OutputOptions: ParsableArguments {
  @Option(name: [.customShort("f"), .customLong("format")],
    help: ArgumentHelp("Write these formats; repeat, or separate with commas: \(ReportFormats.identifiers(for: .results).joined(separator: ", ")) (default: the config's formats, else \(ReportFormats.defaults.joined(separator: ","))).", valueName: "list"),
    completion: .list(ReportFormats.identifiers(for: .results)))
  var formatList: [String] = []

  @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write the reports into this directory and change nothing else in it (a link is followed, ~ is not expanded); the manifest .audit-set-run.json, written last, names each file and its SHA-256. '-' writes one format (\(ReportFormats.standardOutputCapable.joined(separator: ", "))) to standard output instead (default: the config's output, else Reports).", valueName: "dir"),
    completion: .directory)
  var output: String?

  @Option(name: .customLong("templates"),
    help: ArgumentHelp("Use the templates in this directory instead of the built-in ones (default: built-in).", valueName: "dir"),
    completion: .directory)
  var templates: String?

  @Option(name: .customLong("lang"), help: ArgumentHelp("Write the human reports in this language: en or zh (default: the config's lang, else en); machine formats do not change.", valueName: "lang"))
  var language: ReportLanguage?

  @Flag(name: .customLong("timestamp"), help: "Record the time of the run in outputs (SOURCE_DATE_EPOCH when set; off by default, so outputs are byte-identical).")
  var timestamp = false

  /// The formats asked for, each once, each one that renders a run's results: those given,
  /// else the config's.
  func formats(_ config: ProjectConfig? = nil) throws -> [any ReportFormat.Type] {
    try chosenFormats(formatList.isEmpty ? config?.formats ?? [] : formatList, for: .results)
  }

  /// What the run writes.
  func request(findings: Int?, config: ProjectConfig?) throws -> ReportRequest {
    let request = ReportRequest(formats: try formats(config), directory: output ?? config?.output ?? "Reports",
      templatesDirectory: templates, language: language ?? config?.lang.flatMap(ReportLanguage.init) ?? .en,
      findingsPerObligation: findings)
    try checkStandardOutput(request)
    return request
  }

  /// An ISO 8601 UTC timestamp when `--timestamp` is given: `SOURCE_DATE_EPOCH` when it is set
  /// (reproducible builds), else the current time.
  var generatedAt: String? {
    guard timestamp else { return nil }
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    let epoch = (try? Day.sourceDateEpoch(ProcessInfo.processInfo.environment))??.seconds
    return formatter.string(from: epoch.map { Date(timeIntervalSince1970: TimeInterval($0)) } ?? Date())
  }
}

/// `--output -` takes exactly one format that is one text stream; anything else is refused
/// before any work, naming what was asked for.
func checkStandardOutput(_ request: ReportRequest) throws(DiagnosticError) {
  guard request.toStandardOutput else { return }
  let names = request.formats.map { $0.identifier }
  let streamable = ReportFormats.standardOutputCapable
  let problem: String?
  if names.count != 1 {
    problem = "--output - writes one format to standard output, and \(names.count) were asked for (\(names.joined(separator: ", ")))"
  } else if !streamable.contains(names[0]) {
    problem = "--output - cannot write \(names[0]) to standard output: it is not one text stream"
  } else {
    problem = nil
  }
  guard let problem else { return }
  throw DiagnosticError([Diagnostic(.error, file: "--output", problem,
    hint: "pass one --format of: \(streamable.joined(separator: ", ")), or an output directory")],
    summary: "audit: nothing was read or written")
}

/// `--format` values: each once, in the order given, each a format that renders `document`;
/// `ReportFormats.defaults` when none is given.
func chosenFormats(_ values: [String], for document: ReportDocumentKind) throws -> [any ReportFormat.Type] {
  try chosenFormats(values, known: ReportFormats.identifiers(for: document), defaults: ReportFormats.defaults)
    .compactMap(ReportFormats.format)
}

/// `--format` values: each once, in the order given, each known (without case, or by an alias
/// such as md); `defaults` when none is given. A typo gets the nearest name.
func chosenFormats(_ values: [String], known: [String], defaults: [String]) throws -> [String] {
  let names = values.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
    .map { $0.trimmingCharacters(in: .whitespaces) }
  guard !values.isEmpty else { return defaults }
  guard !names.contains(where: \.isEmpty) else {
    throw ValidationError("--format has an empty name; give one or more of: \(known.joined(separator: ", "))")
  }
  var chosen: [String] = []
  for name in names.map(ReportFormats.canonical) where !chosen.contains(name) {
    guard known.contains(name) else {
      let guess = Suggestion.closest(to: name, in: known + ReportFormats.aliases.keys.sorted())
        .map { " (did you mean '\($0)'?)" } ?? ""
      throw ValidationError("unknown format '\(name)'\(guess); expected one of: \(known.joined(separator: ", "))")
    }
    chosen.append(name)
  }
  return chosen
}

/// `--lang en|zh`.
extension ReportLanguage: ExpressibleByArgument {}

/// The evaluation date; shared by run and diff.
struct DateOptions: ParsableArguments {
  @Option(name: [.customShort("d"), .customLong("as-of")],
    help: ArgumentHelp("Evaluate as of this date, YYYY-MM-DD (default: the config's as_of, else SOURCE_DATE_EPOCH's day, else today in UTC).", valueName: "date"))
  var asOf: Day?

  /// The date given, else the config's, else SOURCE_DATE_EPOCH's day (an error when
  /// malformed), else today.
  func day(_ config: ProjectConfig? = nil) throws(DiagnosticError) -> Day {
    if let asOf = asOf ?? config?.asOf { return asOf }
    return try Day.defaultAsOf(environment: ProcessInfo.processInfo.environment, now: Int(Date().timeIntervalSince1970))
  }
}
