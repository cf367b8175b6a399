import ArgumentParser
import AuditCore
import AuditReports
import Foundation

/// `audit history`: the status of every result over time, evaluated only where an input changes.
struct HistoryCommand: AuditCommand {
  static let configuration = CommandConfiguration(
    commandName: "history",
    abstract: "Write the status of every result over time, evaluated only on the days where an input changes.",
    discussion: """
      For every result key (obligation, platform, counterparty), the statuses from --from to \
      --to as segments [from, until) -> status, each with the reason, the decisive value and \
      its evidence entry at the change. The days evaluated are --from and exactly those on \
      which an input can change a result: a manifest version's as_of, an obligation's \
      effective date and phase starts (also those counted from a manifest path), the day after \
      a waiver expires, an entity holding's from and until, and the day an evidence entry \
      ages past an obligation's max_age_days. On each day only the results whose inputs \
      changed are evaluated again; every status agrees with 'audit run --as-of' on that day.

      Writes history.md (per platform, the changes in date order, and what is still open on \
      --to), history.html (a status strip chart with the changes beside it; one row per \
      obligation when platform rows would run into the hundreds) and history.json \
      (interop-audit/history/1) into --output. Inputs with errors stop it (exit 2).

      Examples:
        audit history manifests/cn --rules Rules/cn-interop --from 2018-01-01 --to 2026-12-01
        audit history manifests/eu --rules Rules/eu-dma --to 2026-06-30 --format json
      """)

  @Argument(help: ArgumentHelp("Manifest files or directories (default: manifests). Rules, waivers and entities found here count too.", valueName: "path"),
    completion: .file())
  var paths: [String] = []

  @OptionGroup var rules: RulesOptions

  @Option(name: .customLong("waivers"),
    help: ArgumentHelp("Read waivers from this file; repeat, or separate with commas (default: none beyond those found under the paths).", valueName: "file"))
  var waivers: [String] = []

  @Option(name: .customLong("from"), help: ArgumentHelp("Start on this day, YYYY-MM-DD (default: the earliest manifest version's as_of).", valueName: "date"))
  var from: Day?

  @Option(name: .customLong("to"), help: ArgumentHelp("End on this day, YYYY-MM-DD (default: SOURCE_DATE_EPOCH's day, else today in UTC).", valueName: "date"))
  var to: Day?

  @OptionGroup var output: DocumentOutputOptions<HistoryDocumentKind>

  @OptionGroup var config: ConfigOptions

  func validate() throws {
    if let from, let to, from > to { throw ValidationError("--from \(from) is after --to \(to)") }
    _ = try output.formats()
  }

  func execute() throws -> Int32 {
    let project = try config.load()
    let report = try output.request(project)
    try report.preflight()
    let last = try to ?? Day.defaultAsOf(environment: ProcessInfo.processInfo.environment, now: Int(Date().timeIntervalSince1970))
    let inputs = RunRequest(paths: paths, rules: try rules.paths(project), waivers: listValues(waivers), asOf: last)
    let run = try ReportPipeline.history(HistoryRequest(inputs: inputs, from: from, to: last), report)
    FileHandleOutput.report(run.diagnostics)
    let history = run.history
    let written = run.written.joined(separator: ", ")
    let changes = history.tracks.reduce(0) { $0 + max(0, $1.segments.count - 1) }
    FileHandleOutput.standardError(
      "audit: \(plural(history.tracks.count, "result")) from \(history.from) to \(history.to), \(plural(changes, "later segment")) over \(plural(history.work.days, "day")) evaluated (\(history.work.evaluated) evaluations, \(history.work.full) for full runs); wrote \(written)")
    return ExitStatus.clean
  }
}
