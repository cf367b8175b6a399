import ArgumentParser
import AuditCore
import AuditReports
import Foundation

/// `audit diff`: how the results of NEW differ from those of OLD, for reviews and CI gates.
struct DiffCommand: AuditCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "Compare two sets of results: regressions, fixes, new, removed and unchanged.",
    discussion: """
      OLD and NEW are each a results JSON (from 'audit run'), a manifests directory or file, or \
      GIT-REV:PATH (PATH relative to the current directory, read from git's object database \
      without touching the work tree). Manifests are evaluated with --rules as of --as-of; \
      --old-as-of and --new-as-of date one side, which diffs one directory at two dates.

      Results are matched by (obligation, platform, counterparty). A not_applicable result \
      counts as none, so a result on one side only is new or removed; otherwise statuses compare by \
      badness (error > fail > unknown > pass), a waived result counting as the status its \
      waiver covers: worse is a regression, better a fix. Writes diff.md, diff.html and \
      diff.json into --output; --format also takes pdf (diff.pdf), sarif (diff.sarif: NEW's \
      findings and OLD's that are gone, with their baselineState) and github (a workflow \
      command per regression, on standard output). diff.md and diff.html list at most \
      --findings changes per obligation and class, and count the unchanged results per \
      obligation; diff.json has every entry. A results JSON that the .audit-set-run.json \
      beside it does not vouch for (another SHA-256: a run into that directory was interrupted) \
      is refused.

      Exit codes: 0 no gating regression; 1 a regression at or above --fail-on whose new result \
      is not waived; 2 unreadable input, an 'error' result in NEW, or a warning under --strict \
      (--allow drops a warning by its code). Stderr lists the regressions, those that gate \
      first and then from critical to low (at most --show), and ends with the line that says \
      why it exits.

      Rule packs come from --rules; without it, from the rule packs next to each side's \
      manifests; without those, from Rules.

      Examples:
        audit diff HEAD~1:manifests manifests --as-of 2021-12-02 \\
          --fail-on high
        audit diff manifests manifests \\
          --old-as-of 2021-09-17 --new-as-of 2021-11-29
        audit diff old/results.json Reports/results.json \\
          --output Reports/diff
      """)

  @Argument(help: ArgumentHelp("The earlier side: results JSON, manifests, or GIT-REV:PATH.", valueName: "old"), completion: .file())
  var old: String

  @Argument(help: ArgumentHelp("The later side: results JSON, manifests, or GIT-REV:PATH.", valueName: "new"), completion: .file())
  var new: String

  @OptionGroup var rules: RulesOptions

  @OptionGroup var date: DateOptions

  @Option(name: .customLong("old-as-of"), help: ArgumentHelp("Evaluate OLD's manifests as of this date instead of --as-of.", valueName: "date"))
  var oldAsOf: Day?

  @Option(name: .customLong("new-as-of"), help: ArgumentHelp("Evaluate NEW's manifests as of this date instead of --as-of.", valueName: "date"))
  var newAsOf: Day?

  @OptionGroup var output: DocumentOutputOptions<DiffDocumentKind>

  @Option(name: .customLong("fail-on"),
    help: ArgumentHelp("Exit 1 when a regression of this severity or higher exists: low, medium, high, critical or none.", valueName: "severity"))
  var failOn: FailThreshold = .low

  @OptionGroup var warnings: WarningOptions

  @Option(name: .customLong("show"),
    help: ArgumentHelp("List at most this many regressions on stderr, worst first, or 'all'.", valueName: "n"))
  var show: ShownFindings = .count(20)

  @Option(name: .customLong("findings"),
    help: ArgumentHelp("List at most this many regressions, fixes, new and removed results per obligation in the Markdown and HTML reports (at least 1), or 'all' (diff.json always has every one).", valueName: "n"))
  var findings: FindingLimit = .count(200)

  @OptionGroup var config: ConfigOptions

  func validate() throws { _ = try output.formats() }

  func execute() throws -> Int32 {
    let project = try config.load()
    var report = try output.request(project)
    report.findingsPerObligation = findings.limit
    try report.preflight()
    let request = DiffRequest(old: DiffSource.parse(old), new: DiffSource.parse(new), rules: try rules.paths(project),
      oldAsOf: try oldAsOf ?? date.day(project), newAsOf: try newAsOf ?? date.day(project))
    let diff = try ReportPipeline.diff(request, report)
    let diagnostics = try warnings.policy(project).apply(diff.diagnostics)
    FileHandleOutput.report(diagnostics)
    let colour = TerminalFindings.usesColour(isTerminal: FileHandleOutput.stderrIsTerminal,
      environment: ProcessInfo.processInfo.environment)
    let human = diff.written.first { ["diff.md", "diff.html"].contains(URL(fileURLWithPath: $0).lastPathComponent) }
    FileHandleOutput.standardError(TerminalFindings.regressionLines(diff.entries, limit: show.limit, messages: .of(report.language),
      colour: colour, report: human).joined(separator: "\n"))
    FileHandleOutput.standardError("audit: \(diff.summary); wrote \(diff.written.joined(separator: ", "))")
    let verdict = ExitStatus.diffVerdict(entries: diff.entries, diagnostics: diagnostics, failOn: failOn)
    FileHandleOutput.standardError(verdict.reason)
    return verdict.code
  }
}
