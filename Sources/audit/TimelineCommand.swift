import ArgumentParser
import AuditCore
import AuditReports
import Foundation

/// `audit timeline`: the chronology of timeline files and of manifest version changes.
struct TimelineCommand: AuditCommand {
  static let configuration = CommandConfiguration(
    commandName: "timeline",
    abstract: "Write the chronology of timeline files and of changes between manifest versions.",
    discussion: """
      Merges the events of 'kind: timeline' files with events derived from consecutive versions \
      of each platform's manifest: every changed capability value, typed unblock or block when \
      the rule packs compare its path on a scale, else change ("first recorded" when it was \
      unknown or absent before). Events sort by date; a date known only to the year or month \
      sorts before the full dates of that period. Writes timeline.md (a table and a Mermaid \
      timeline), timeline.html (an SVG chart and the table) and timeline.json into --output; \
      --format pdf prints the HTML to timeline.pdf. A format the previous timeline wrote there \
      and this one does not is removed and named.

      --from and --to keep events whose period overlaps the range (so '2018' stays with \
      --from 2018-06-01); --actor keeps events that an actor takes part in or is affected by \
      (a company's id keeps its platforms' events too). With 'kind: entities' files among the \
      inputs, actors resolve to the company that controls them on the event's date: lanes of \
      one company sit together in a band, and --by entity draws one lane per company.

      Rule packs (which say what is a scale) come from --rules; without it, from the rule \
      packs among the paths; without those, from Rules when it exists. --allow drops a \
      warning code; --strict makes the other warnings errors (exit 2).

      Examples:
        audit timeline manifests --rules Rules
        audit timeline manifests --from 2021-09 --to 2021-12 \\
          --actor wechat --format html
      """)

  @Argument(help: ArgumentHelp("Timeline and manifest files or directories (default: manifests).", valueName: "path"),
    completion: .file())
  var paths: [String] = []

  @OptionGroup var rules: RulesOptions

  @Option(name: .customLong("from"), help: ArgumentHelp("Keep events on or after this date: YYYY, YYYY-MM or YYYY-MM-DD (default: no limit).", valueName: "date"))
  var from: PartialDate?

  @Option(name: .customLong("to"), help: ArgumentHelp("Keep events on or before this date: YYYY, YYYY-MM or YYYY-MM-DD (default: no limit).", valueName: "date"))
  var to: PartialDate?

  @Option(name: .customLong("actor"), help: ArgumentHelp("Keep events that involve this id; repeat, or separate with commas (default: every actor).", valueName: "id"))
  var actors: [String] = []

  @Option(name: .customLong("by"), help: ArgumentHelp("Draw one chart lane per actor, or per controlling company (entities).", valueName: "actor|entity"))
  var by: TimelineDocument.Lanes = .actor

  @OptionGroup var output: DocumentOutputOptions<TimelineDocumentKind>

  @OptionGroup var warnings: WarningOptions

  @OptionGroup var config: ConfigOptions

  func validate() throws {
    if let from, let to, from.start > to.end {
      throw ValidationError("--from \(from) is after --to \(to)")
    }
    _ = try output.formats()
  }

  func execute() throws -> Int32 {
    let project = try config.load()
    let report = try output.request(project)
    try report.preflight()
    let request = TimelineRequest(paths: paths, rules: try rules.paths(project),
      filter: .init(from: from, to: to, actors: listValues(actors)), lanes: by)
    let timeline = try ReportPipeline.timeline(request, report)
    let diagnostics = try warnings.policy(project).apply(timeline.diagnostics)
    FileHandleOutput.report(diagnostics)
    FileHandleOutput.standardError("audit: \(timeline.summary) Wrote \(timeline.written.joined(separator: ", "))")
    return diagnostics.hasErrors ? ExitStatus.badInput : ExitStatus.clean
  }
}

extension TimelineDocument.Lanes: ExpressibleByArgument {}

extension PartialDate: ExpressibleByArgument {
  public init?(argument: String) { self.init(argument) }
}
