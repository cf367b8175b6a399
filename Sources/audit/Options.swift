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

/// Where rule packs come from; shared by run, timeline, explain and diff.
struct RulesOptions: ParsableArguments {
  @Option(name: .customLong("rules"),
    help: ArgumentHelp("Read rule packs from this file or directory; repeat, or separate with commas (default: the rule packs among the paths, else Rules).", valueName: "path"))
  var rules: [String] = []

  /// The rule paths given; empty when none was (the pipeline then picks the default).
  var paths: [String] { listValues(rules) }
}

/// Report formats and where they go, for `run`.
struct OutputOptions: ParsableArguments {
  @Option(name: .customLong("format"),
    help: ArgumentHelp("Write these formats; repeat, or separate with commas: \(ReportFormats.identifiers(for: .results).joined(separator: ", ")) (default: \(ReportFormats.defaults.joined(separator: ","))).", valueName: "list"))
  var formatList: [String] = []

  @Option(name: .customLong("output"), help: ArgumentHelp("Write the reports into this directory and change nothing else in it (a link is followed, ~ is not expanded); the manifest .audit-set-run.json, written last, names each file and its SHA-256.", valueName: "dir"))
  var output = "Reports"

  @Option(name: .customLong("templates"),
    help: ArgumentHelp("Use the templates in this directory instead of the built-in ones (default: built-in).", valueName: "dir"))
  var templates: String?

  @Option(name: .customLong("lang"), help: ArgumentHelp("Write the human reports in this language: en or zh (default: en); machine formats do not change.", valueName: "lang"))
  var language: ReportLanguage = .en

  @Flag(name: .customLong("timestamp"), help: "Record the time of the run in outputs (SOURCE_DATE_EPOCH when set; off by default, so outputs are byte-identical).")
  var timestamp = false

  /// The formats asked for, each once, each one that renders a run's results.
  func formats() throws -> [any ReportFormat.Type] { try chosenFormats(formatList, for: .results) }

  /// What the run writes.
  func request(findings: Int?) throws -> ReportRequest {
    ReportRequest(formats: try formats(), directory: output, templatesDirectory: templates, language: language,
      findingsPerObligation: findings)
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

/// `--format` values: each once, in the order given, each a format that renders `document`;
/// `ReportFormats.defaults` when none is given.
func chosenFormats(_ values: [String], for document: ReportDocumentKind) throws -> [any ReportFormat.Type] {
  try chosenFormats(values, known: ReportFormats.identifiers(for: document), defaults: ReportFormats.defaults)
    .compactMap(ReportFormats.format)
}

/// `--format` values: each once, in the order given, each known; `defaults` when none is given.
func chosenFormats(_ values: [String], known: [String], defaults: [String]) throws -> [String] {
  let names = values.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
    .map { $0.trimmingCharacters(in: .whitespaces) }
  guard !values.isEmpty else { return defaults }
  guard !names.contains(where: \.isEmpty) else {
    throw ValidationError("--format has an empty name; give one or more of: \(known.joined(separator: ", "))")
  }
  var chosen: [String] = []
  for name in names where !chosen.contains(name) {
    guard known.contains(name) else {
      throw ValidationError("unknown format '\(name)'; expected one of: \(known.joined(separator: ", "))")
    }
    chosen.append(name)
  }
  return chosen
}

/// `--lang en|zh`.
extension ReportLanguage: ExpressibleByArgument {}

/// The evaluation date; shared by run and diff.
struct DateOptions: ParsableArguments {
  @Option(name: .customLong("as-of"),
    help: ArgumentHelp("Evaluate as of this date, YYYY-MM-DD (default: SOURCE_DATE_EPOCH's day, else today in UTC).", valueName: "date"))
  var asOf: Day?

  /// The date given, else SOURCE_DATE_EPOCH's day (an error when malformed), else today.
  var day: Day {
    get throws(DiagnosticError) {
      if let asOf { return asOf }
      return try Day.defaultAsOf(environment: ProcessInfo.processInfo.environment, now: Int(Date().timeIntervalSince1970))
    }
  }
}
