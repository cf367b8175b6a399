import ArgumentParser
import AuditCore
import AuditReports
import Foundation

/// `audit run`: evaluates manifests against rule packs and writes reports.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Evaluate manifests against the rule packs and write reports.",
    discussion: """
      Per platform, the latest manifest version with as_of on or before --as-of is checked \
      against every obligation that applies. Missing data is 'unknown', never a pass. Writes \
      the formats asked for into --output, atomically; identical inputs give identical bytes.

      Examples:
        audit run manifests --as-of 2021-12-02
        audit run manifests --rules Rules/cn-interop --format json,sarif --fail-on high
      """)

  @Argument(help: ArgumentHelp("Manifest files or directories (default: manifests). Rules, waivers and timelines found here count too.", valueName: "path"))
  var paths: [String] = []

  @OptionGroup var rules: RulesOptions

  @Option(name: .customLong("waivers"), parsing: .upToNextOption,
    help: ArgumentHelp("Read waivers from these files (waivers found under the paths count too).", valueName: "file"))
  var waivers: [String] = []

  @OptionGroup var date: DateOptions

  @OptionGroup var output: OutputOptions

  @Option(name: .customLong("fail-on"),
    help: ArgumentHelp("Exit 1 when a failure of this severity or higher exists (none: never).", valueName: "severity"))
  var failOn: FailThreshold = .low

  @Option(name: .customLong("findings"),
    help: ArgumentHelp("List at most this many findings per obligation in the Markdown and HTML reports, or 'all' (the machine formats always have every result).", valueName: "n"))
  var findings: FindingLimit = .count(200)

  @Flag(help: "Count unknown results as failures for the exit code.")
  var strict = false

  @Flag(name: .customLong("keep-going"), help: "Report unreadable inputs as errors in the results instead of stopping (still exits 2).")
  var keepGoing = false

  func run() throws {
    let formats = try output.formats(defaults: ReportFormats.defaults)
    let inputs = (paths.isEmpty ? ["manifests"] : paths) + rules.paths + waivers
    let found = InputFinder.find(inputs)
    let progress = Progress(workItems: found.files.count)
    progress.step("reading \(found.files.count) files…")
    let asOf = date.day
    // Only the versions in force (and their predecessors, for the changes section) are kept.
    let workspace = Workspace.load(found: found, keeping: .inForce(asOf))
    progress.done()
    FileHandleOutput.report(workspace.diagnostics)
    if workspace.diagnostics.hasErrors && !keepGoing {
      FileHandleOutput.standardError(
        "audit: stopped: \(workspace.diagnostics.tally) in \(workspace.inputs.count) files; fix them, or pass --keep-going to report what can be evaluated")
      throw ExitCode(ExitStatus.badInput)
    }
    guard !workspace.packs.isEmpty else {
      FileHandleOutput.standardError("audit: error: no rule packs found in \(inputs.joined(separator: ", ")) — pass --rules DIR")
      throw ExitCode(ExitStatus.badInput)
    }
    progress.step("evaluating \(workspace.manifests.count) manifests against \(workspace.obligations.count) obligations as of \(asOf)…")
    let evaluation = Engine(packs: workspace.packs, asOf: asOf)
      .evaluate(manifests: workspace.manifests, waivers: workspace.waivers)
    progress.done()
    FileHandleOutput.report(evaluation.diagnostics)
    let document = ResultsDocument(workspace: workspace, evaluation: evaluation, generatedAt: output.generatedAt)
    progress.step("writing \(formats.map { $0.identifier }.joined(separator: ", "))…")
    let context = ReportContext(document: document, templatesDirectory: output.templates,
      findingsPerObligation: findings.limit)
    let files = try ReportFormats.render(formats, context)
    try ReportWriter.write(files, to: output.output)
    progress.done()
    FileHandleOutput.standardError(summary(document, files: files))
    let code = ExitStatus.forRun(results: evaluation.results,
      diagnostics: workspace.diagnostics + evaluation.diagnostics, failOn: failOn, strict: strict)
    if code != ExitStatus.clean { throw ExitCode(code) }
  }

  private func summary(_ document: ResultsDocument, files: [ReportFile]) -> String {
    let s = document.summary
    let order: [Status] = [.pass, .fail, .unknown, .error, .waived, .notApplicable]
    let counts = order.map { "\(s.byStatus[$0]) \($0.rawValue)" }.joined(separator: ", ")
    let written = files.map { "\(output.output)/\($0.name)" }.joined(separator: ", ")
    return "audit: \(s.platforms) platforms, \(s.obligations) obligations as of \(document.asOf): \(counts); wrote \(written)"
  }
}

/// `--findings N` or `--findings all`.
enum FindingLimit: ExpressibleByArgument {
  case count(Int)
  case all

  init?(argument: String) {
    if argument == "all" {
      self = .all
    } else if let n = Int(argument), n >= 0 {
      self = .count(n)
    } else {
      return nil
    }
  }

  var limit: Int? {
    switch self {
    case .count(let n): n
    case .all: nil
    }
  }

  var defaultValueDescription: String {
    switch self {
    case .count(let n): String(n)
    case .all: "all"
    }
  }
}
