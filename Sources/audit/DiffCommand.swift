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
      command per regression, on standard output). A results JSON that the .audit-set-run.json \
      beside it does not vouch for (another SHA-256: a run into that directory was interrupted) \
      is refused.

      Exit codes: 0 no gating regression; 1 a regression at or above --fail-on whose new result \
      is not waived; 2 unreadable input, or an 'error' result in NEW.

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

  @OptionGroup var config: ConfigOptions

  func validate() throws { _ = try output.formats() }

  func execute() throws -> Int32 {
    let project = try config.load()
    let report = try output.request(project)
    try report.preflight()
    let request = DiffRequest(old: DiffSource.parse(old), new: DiffSource.parse(new), rules: try rules.paths(project),
      oldAsOf: try oldAsOf ?? date.day(project), newAsOf: try newAsOf ?? date.day(project))
    let diff = try ReportPipeline.diff(request, report)
    FileHandleOutput.report(diff.diagnostics)
    FileHandleOutput.standardError("audit: \(diff.summary); wrote \(diff.written.joined(separator: ", "))")
    return ExitStatus.forDiff(entries: diff.entries, diagnostics: diff.diagnostics, failOn: failOn)
  }
}
