import ArgumentParser
import AuditCore
import AuditReports
import Foundation

/// `audit run`: evaluates manifests against rule packs and writes reports.
struct RunCommand: AuditCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Evaluate manifests against the rule packs and write reports.",
    discussion: """
      Per platform, the latest manifest version with as_of on or before --as-of is checked \
      against every obligation that applies. Missing data is 'unknown', never a pass. Writes \
      the formats asked for into --output, each file whole and renamed into place, then the \
      set's manifest; nothing else there is changed, and a file the previous run wrote that \
      this one does not is removed (if unchanged) and named. Identical inputs give identical \
      bytes. Results are streamed, never all in memory: the machine formats wait in nameless \
      temporary files under $TMPDIR (default /tmp) until the set is written.

      Stderr then lists the worst findings at the manifest lines that decided them (errors, \
      then failures from critical to low; unknowns with --show-unknown), at most --show, and \
      ends with the line that says why it exits: 0 no failure at or above --fail-on; 1 some \
      (unknowns too under --strict); 2 bad input, an error result, a warning under --strict \
      (--allow drops a warning by its code), or a run that checks nothing (no manifest, none \
      in force on --as-of, or no obligation applying to any platform).

      Rule packs come from --rules (a path, or the name of an installed pack); without it, \
      from the config's rules; without those, from the rule packs among the paths; without \
      those, from Rules. Options that take several values are repeated or comma-separated, \
      and never take the paths that follow them. A .interop-audit.yaml in the current \
      directory (or --config FILE) gives defaults for the paths and options; the command line \
      overrides it.

      Examples:
        audit run manifests/cn --rules Rules/cn-interop --as-of 2021-12-02
        audit run manifests/cn/wechat --rules Rules/cn-interop \\
          --format json,sarif --fail-on high
      """)

  @Argument(help: ArgumentHelp("Manifest files or directories (default: the config's paths, else manifests). Rules, waivers and timelines found here count too.", valueName: "path"),
    completion: .file())
  var paths: [String] = []

  @OptionGroup var rules: RulesOptions

  @Option(name: .customLong("waivers"),
    help: ArgumentHelp("Read waivers from this file; repeat, or separate with commas (default: the config's waivers, else none beyond those found under the paths).", valueName: "file"),
    completion: .file(extensions: ["yaml", "yml"]))
  var waivers: [String] = []

  @OptionGroup var date: DateOptions

  @OptionGroup var output: OutputOptions

  @Option(name: .customLong("fail-on"),
    help: ArgumentHelp("Exit 1 when a failure of this severity or higher exists (none: never; default: the config's fail_on, else low).", valueName: "severity"))
  var failOn: FailThreshold?

  @Option(name: .customLong("findings"),
    help: ArgumentHelp("List at most this many findings (and duties coming due) per obligation in the Markdown and HTML reports (at least 1), or 'all' (the machine formats always have every result).", valueName: "n"))
  var findings: FindingLimit = .count(200)

  @OptionGroup var warnings: WarningOptions

  @Option(name: .customLong("show"),
    help: ArgumentHelp("List at most this many findings on stderr, worst first, or 'all'.", valueName: "n"))
  var show: ShownFindings = .count(20)

  @Flag(name: .customLong("show-unknown"), help: "List unknown results on stderr too, after the failures.")
  var showUnknown = false

  @Flag(help: "Print only the line that explains the exit code.")
  var quiet = false

  @Flag(name: .customLong("keep-going"), help: "Report unreadable inputs as errors in the results instead of stopping (still exits 2).")
  var keepGoing = false

  @OptionGroup var config: ConfigOptions

  func validate() throws { _ = try output.formats() }

  func execute() throws -> Int32 {
    let project = try config.load()
    var report = try output.request(findings: findings.limit, config: project)
    let strict = warnings.isStrict(project)
    report.gate = Gate(failOn: failOn ?? project?.failOn ?? .low, strict: strict)
    report.shown = TerminalFindings.Selection(limit: quiet ? 0 : show.limit, showUnknown: showUnknown)
    try report.preflight()
    var request = RunRequest(paths: paths.isEmpty ? project?.paths ?? [] : paths, rules: try rules.paths(project),
      waivers: waivers.isEmpty ? project?.waivers ?? [] : listValues(waivers), asOf: try date.day(project),
      keepGoing: keepGoing, strict: strict, generatedAt: output.generatedAt)
    request.allowed = try warnings.policy(project).allowed
    let progress = Progress(workItems: 500)
    progress.step("reading and evaluating…")
    let run: RunReport
    do {
      run = try ReportPipeline.run(request, report)
    } catch {
      progress.done()
      throw error
    }
    progress.done()
    let verdict = ExitStatus.runVerdict(tally: run.tally, diagnostics: run.diagnostics, gate: report.gate)
    if !quiet {
      FileHandleOutput.report(run.diagnostics)
      let colour = TerminalFindings.usesColour(isTerminal: FileHandleOutput.stderrIsTerminal,
        environment: ProcessInfo.processInfo.environment)
      let human = run.written.first { ["report.md", "report.html", "report.pdf"].contains(URL(fileURLWithPath: $0).lastPathComponent) }
      FileHandleOutput.standardError(run.findings.lines(messages: .of(report.language), colour: colour, report: human)
        .joined(separator: "\n"))
      FileHandleOutput.standardError(summary(run))
    }
    FileHandleOutput.standardError(verdict.reason)
    return verdict.code
  }

  private func summary(_ run: RunReport) -> String {
    let s = run.summary
    let order: [Status] = [.pass, .fail, .unknown, .error, .waived, .notApplicable]
    let counts = order.map { "\(s.byStatus[$0]) \($0.rawValue)" }.joined(separator: ", ")
    let unreadable = s.unreadableInputs.map { "; \(plural($0, "unreadable input")) left out" } ?? ""
    return "audit: \(plural(s.platforms, "platform")), \(plural(s.obligations, "obligation")) as of \(run.asOf): \(counts)\(unreadable); wrote \(run.written.joined(separator: ", "))"
  }
}

/// "1 platform", "2 platforms", "2 entities".
func plural(_ count: Int, _ noun: String) -> String {
  guard count != 1 else { return "\(count) \(noun)" }
  if noun.hasSuffix("y"), let before = noun.dropLast().last, !"aeiou".contains(before) {
    return "\(count) \(noun.dropLast())ies"
  }
  return "\(count) \(noun)s"
}

/// The least count an option of `N` or `all` takes.
protocol LeastCount { static var least: Int { get } }

/// `--show`: 0 lists nothing.
enum NoneOrMore: LeastCount { static let least = 0 }

/// `--findings`: a report lists at least one finding per obligation.
enum OneOrMore: LeastCount { static let least = 1 }

/// `N` (at least `Least.least`) or `all`, for options that cap a list.
enum CountOrAll<Least: LeastCount>: ExpressibleByArgument {
  case count(Int)
  case all

  init?(argument: String) {
    if argument == "all" {
      self = .all
    } else if let n = Int(argument), n >= Least.least {
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

/// `--show N` or `--show all`: how many findings stderr lists (0: none).
typealias ShownFindings = CountOrAll<NoneOrMore>

/// `--findings N` or `--findings all`: how many findings per obligation a report lists.
typealias FindingLimit = CountOrAll<OneOrMore>
