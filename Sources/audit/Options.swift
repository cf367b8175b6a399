import ArgumentParser
import AuditCore
import AuditReports
import Foundation

/// Where rule packs come from; shared by run, test, explain and diff.
struct RulesOptions: ParsableArguments {
  @Option(name: .customLong("rules"), parsing: .upToNextOption,
    help: ArgumentHelp("Read rule packs from these files or directories.", valueName: "path"))
  var rules: [String] = []

  /// The rule paths to load: those given, else `Rules/` when it exists.
  var paths: [String] {
    if !rules.isEmpty { return rules }
    return FileManager.default.fileExists(atPath: "Rules") ? ["Rules"] : []
  }
}

/// Report formats and where they go; shared by run, diff and timeline.
struct OutputOptions: ParsableArguments {
  @Option(name: .customLong("format"),
    help: ArgumentHelp("Write these formats, comma-separated, from \(ReportFormats.identifiers.joined(separator: ",")) (default: \(ReportFormats.defaults.joined(separator: ","))).", valueName: "list"))
  var formatList: [String] = []

  @Option(name: .customLong("output"), help: ArgumentHelp("Write reports into this directory.", valueName: "dir"))
  var output = "Reports"

  @Option(name: .customLong("templates"),
    help: ArgumentHelp("Use the templates in this directory instead of the built-in ones.", valueName: "dir"))
  var templates: String?

  @Flag(name: .customLong("timestamp"), help: "Record the time of the run in outputs (SOURCE_DATE_EPOCH when set; off by default, so outputs are byte-identical).")
  var timestamp = false

  /// The formats asked for, defaulting to `defaults`, each checked against the registry.
  func formats(defaults: [String]) throws -> [any ReportFormat.Type] {
    let names = formatList.isEmpty ? defaults : formatList.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
    return try names.filter { !$0.isEmpty }.map { name in
      guard let format = ReportFormats.format(name) else {
        throw ValidationError("unknown format '\(name)'; expected one of: \(ReportFormats.identifiers.joined(separator: ", "))")
      }
      return format
    }
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

/// The evaluation date; shared by run and diff.
struct DateOptions: ParsableArguments {
  @Option(name: .customLong("as-of"),
    help: ArgumentHelp("Evaluate as of this date, YYYY-MM-DD (default: SOURCE_DATE_EPOCH's day, else today in UTC).", valueName: "date"))
  var asOf: Day?

  /// The date given, else SOURCE_DATE_EPOCH's day (an error when malformed), else today.
  var day: Day {
    get throws {
      if let asOf { return asOf }
      return try Day.defaultAsOf(environment: ProcessInfo.processInfo.environment, now: Int(Date().timeIntervalSince1970))
    }
  }
}
