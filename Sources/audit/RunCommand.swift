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
    help: ArgumentHelp("List at most this many findings per obligation in the Markdown and HTML reports (at least 1), or 'all' (the machine formats always have every result).", valueName: "n"))
  var findings: FindingLimit = .count(200)

  @Flag(inversion: .prefixedNo, help: "Count unknown results as failures, and warnings that a scope or --as-of checks nothing as errors (default: the config's strict, else off).")
  var strict: Bool?

  @Flag(name: .customLong("keep-going"), help: "Report unreadable inputs as errors in the results instead of stopping (still exits 2).")
  var keepGoing = false

  @OptionGroup var config: ConfigOptions

  func validate() throws { _ = try output.formats() }

  func execute() throws -> Int32 {
    let project = try config.load()
    let report = try output.request(findings: findings.limit, config: project)
    try report.preflight()
    let strict = strict ?? project?.strict ?? false
    let request = RunRequest(paths: paths.isEmpty ? project?.paths ?? [] : paths, rules: try rules.paths(project),
      waivers: waivers.isEmpty ? project?.waivers ?? [] : listValues(waivers), asOf: try date.day(project),
      keepGoing: keepGoing, strict: strict, generatedAt: output.generatedAt)
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
    FileHandleOutput.report(run.diagnostics + Self.errorResults(run.errorResults))
    FileHandleOutput.standardError(summary(run))
    return ExitStatus.forRun(tally: run.tally, diagnostics: run.diagnostics, failOn: failOn ?? project?.failOn ?? .low, strict: strict)
  }

  /// `error` results, printed like parse errors so that editors and CI jump to them.
  static func errorResults(_ results: [Result]) -> [Diagnostic] {
    results.filter { $0.status == .error }.map { result in
      let subject = result.counterparty.map { "\(result.platform) → \($0)" } ?? result.platform
      return Diagnostic(.error, at: result.location, "\(result.obligation) for \(subject): \(result.reason)")
    }
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

/// `--findings N` or `--findings all`.
enum FindingLimit: ExpressibleByArgument {
  case count(Int)
  case all

  init?(argument: String) {
    if argument == "all" {
      self = .all
    } else if let n = Int(argument), n >= 1 {
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
