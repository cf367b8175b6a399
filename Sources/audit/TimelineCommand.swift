import ArgumentParser
import AuditCore
import AuditReports
import Foundation

/// `audit timeline`: the chronology of timeline files and of manifest version changes.
struct TimelineCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "timeline",
    abstract: "Write the chronology of timeline files and of changes between manifest versions.",
    discussion: """
      Merges the events of 'kind: timeline' files with events derived from consecutive versions \
      of each platform's manifest: every changed capability value, typed unblock or block when \
      the rule packs compare its path on a scale, else change ("first recorded" when it was \
      unknown or absent before). Events sort by date; a date known only to the year or month \
      sorts before the full dates of that period. Writes timeline.md (a table and a Mermaid \
      timeline), timeline.html (an SVG chart and the table) and timeline.json into --output.

      --from and --to keep events whose period overlaps the range (so '2018' stays with \
      --from 2018-06-01); --actor keeps events that an actor takes part in or is affected by.

      Examples:
        audit timeline manifests --rules Rules
        audit timeline manifests --from 2021-09 --to 2021-12 --actor wechat --format html
      """)

  @Argument(help: ArgumentHelp("Timeline and manifest files or directories (default: manifests).", valueName: "path"))
  var paths: [String] = []

  @OptionGroup var rules: RulesOptions

  @Option(name: .customLong("from"), help: ArgumentHelp("Keep events on or after this date: YYYY, YYYY-MM or YYYY-MM-DD.", valueName: "date"))
  var from: PartialDate?

  @Option(name: .customLong("to"), help: ArgumentHelp("Keep events on or before this date: YYYY, YYYY-MM or YYYY-MM-DD.", valueName: "date"))
  var to: PartialDate?

  @Option(name: .customLong("actor"), help: ArgumentHelp("Keep events that involve this id (repeat, or separate with commas).", valueName: "id"))
  var actors: [String] = []

  @OptionGroup var output: DocumentOutputOptions

  func validate() throws {
    if let from, let to, from.start > to.end {
      throw ValidationError("--from \(from) is after --to \(to)")
    }
    _ = try output.formats()
  }

  func run() throws {
    let inputs = (paths.isEmpty ? ["manifests"] : paths) + rules.paths
    let workspace = Workspace.load(inputs)
    FileHandleOutput.report(workspace.diagnostics)
    if workspace.diagnostics.hasErrors {
      FileHandleOutput.standardError("audit: stopped: \(workspace.diagnostics.tally) in \(workspace.inputs.count) files")
      throw ExitCode(ExitStatus.badInput)
    }
    guard !workspace.timelines.isEmpty || !workspace.manifests.isEmpty else {
      FileHandleOutput.standardError("audit: error: no timeline files or manifests in \(inputs.joined(separator: ", "))")
      throw ExitCode(ExitStatus.badInput)
    }
    let ids = actors.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
    let document = TimelineBuilder.build(workspace, filter: .init(from: from, to: to, actors: ids))
    let report = TimelineReport(document: document, templatesDirectory: output.templates, linkBase: output.linkBase)
    let files = try report.render(formats: try output.formats())
    try ReportSetWriter.write(files, to: output.output)
    let written = files.map { "\(output.output)/\($0.name)" }.joined(separator: ", ")
    FileHandleOutput.standardError("audit: \(report.summary) Wrote \(written)")
  }
}

extension PartialDate: ExpressibleByArgument {
  public init?(argument: String) { self.init(argument) }
}
