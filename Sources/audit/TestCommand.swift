import ArgumentParser
import AuditCore
import Foundation

/// `audit test`: runs the examples embedded in rule packs, like `opa test`.
struct TestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract: "Run the examples embedded in rule packs and report any that give another status.",
    discussion: """
      Each obligation's examples name the status they must give. Exits 0 when all hold, 1 when \
      any example fails, 2 when the packs cannot be read.
      """)

  @Argument(help: ArgumentHelp("Rule pack files or directories (default: Rules).", valueName: "rules"))
  var paths: [String] = []

  @Flag(help: "Also fail when an obligation lacks a passing or a failing example.")
  var strict = false

  @Flag(name: .shortAndLong, help: "List every example, not only the failing ones.")
  var verbose = false

  func run() throws {
    let workspace = Workspace.load(paths.isEmpty ? ["Rules"] : paths)
    FileHandleOutput.report(workspace.diagnostics)
    if workspace.diagnostics.hasErrors { throw ExitCode(ExitStatus.badInput) }
    guard !workspace.packs.isEmpty else {
      FileHandleOutput.standardError("audit: error: no rule packs found")
      throw ExitCode(ExitStatus.badInput)
    }
    let outcomes = ExampleRunner.run(workspace.packs)
    var lines: [String] = []
    for outcome in outcomes where verbose || !outcome.passed {
      let name = outcome.example.name.map { " '\($0)'" } ?? ""
      let verdict = outcome.passed ? "note: ok" : "error: failed"
      lines.append("\(outcome.example.location): \(verdict): \(outcome.obligation.id) example\(name) expects \(outcome.example.status.rawValue), got \(outcome.result.status.rawValue): \(outcome.result.reason)")
    }
    if !lines.isEmpty { FileHandleOutput.standardError(lines.joined(separator: "\n")) }
    let coverage = ExampleRunner.coverage(workspace.packs)
    FileHandleOutput.report(coverage)
    let failed = outcomes.filter { !$0.passed }.count
    let obligations = Set(outcomes.map { $0.obligation.id }).count
    FileHandleOutput.standardError("ran \(outcomes.count) examples of \(obligations) obligations: \(outcomes.count - failed) passed, \(failed) failed")
    if failed > 0 || (strict && !coverage.isEmpty) { throw ExitCode(ExitStatus.failures) }
  }
}
