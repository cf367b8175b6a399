import ArgumentParser
import AuditCore
import Foundation

/// `audit test`: runs the examples embedded in rule packs, like `opa test`.
struct TestCommand: AuditCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract: "Run the examples embedded in rule packs and report any that give another status.",
    discussion: """
      Each obligation's examples name the status they must give. Exits 0 when all hold, 1 when \
      any example fails (or, with --strict, an obligation lacks a passing or a failing example: \
      warning W107), 2 when the packs cannot be read. --allow drops warnings by code, W107 too.
      """)

  @Argument(help: ArgumentHelp("Rule pack files or directories, or names of installed packs (default: the config's rules, else Rules).", valueName: "rules"),
    completion: .file())
  var paths: [String] = []

  @Flag(inversion: .prefixedNo, help: "Also fail when an obligation lacks a passing or a failing example (default: the config's strict, else off).")
  var strict: Bool?

  @Option(name: .customLong("allow"),
    help: ArgumentHelp("Drop warnings with this code (e.g. W107); repeat, or separate with commas (added to the config's allow).", valueName: "code"))
  var allow: [String] = []

  @Flag(name: .shortAndLong, help: "List every example, not only the failing ones.")
  var verbose = false

  @OptionGroup var config: ConfigOptions

  func execute() throws -> Int32 {
    let project = try config.load()
    let paths = try RulesOptions.paths(paths, project)
    let strict = strict ?? project?.strict ?? false
    let policy = WarningPolicy(allowed: (project?.allowedWarningCodes ?? []) + listValues(allow))
    if !policy.problems.isEmpty { throw DiagnosticError(policy.problems) }
    let workspace = AuditRun.loadRules(paths)
    if workspace.diagnostics.hasErrors {
      throw DiagnosticError(workspace.diagnostics, summary: "audit: stopped: \(workspace.diagnostics.tally); no example was run")
    }
    guard !workspace.packs.isEmpty else {
      throw DiagnosticError(workspace.diagnostics + [Diagnostic(.error, file: (paths.isEmpty ? ["Rules"] : paths).joined(separator: ", "),
        "no rule packs found", hint: "give rule pack files or directories (kind: rules)")])
    }
    FileHandleOutput.report(policy.apply(workspace.diagnostics))
    // Examples run a batch at a time; each batch's lines are printed before the next runs.
    var ran = 0
    var failed = 0
    var withExamples = Set<String>()
    ExampleRunner.run(workspace.packs) { outcomes in
      var lines: [String] = []
      for outcome in outcomes where verbose || !outcome.passed {
        let name = outcome.example.name.map { " '\($0)'" } ?? ""
        let verdict = outcome.passed ? "note: ok" : "error: failed"
        lines.append("\(outcome.example.location): \(verdict): \(outcome.obligation.id) example\(name) expects \(outcome.example.status.rawValue), got \(outcome.result.status.rawValue): \(outcome.result.reason)")
      }
      if !lines.isEmpty { FileHandleOutput.standardError(lines.joined(separator: "\n")) }
      ran += outcomes.count
      failed += outcomes.filter { !$0.passed }.count
      withExamples.formUnion(outcomes.map { $0.obligation.id })
    }
    let coverage = policy.apply(ExampleRunner.coverage(workspace.packs))
    FileHandleOutput.report(coverage)
    let obligations = workspace.obligations.count
    let without = obligations - withExamples.count
    FileHandleOutput.standardError(
      "ran \(plural(ran, "example")) of \(plural(obligations, "obligation"))"
        + (without > 0 ? " (\(without) without examples)" : "")
        + ": \(ran - failed) passed, \(failed) failed")
    return ExitStatus.forTest(failed: failed, uncovered: coverage.count, strict: strict)
  }
}
