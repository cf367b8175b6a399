import ArgumentParser
import AuditCore
import Foundation

/// `audit check`: validates files without evaluating anything.
struct CheckCommand: AuditCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Validate rule packs, manifests, waivers, timelines and entities without evaluating them.",
    discussion: """
      Reads every *.yaml and *.yml file under the paths (sorted, recursively) and reports every \
      problem as path:line:column: error: message, all in one pass: per file, across files \
      (duplicate ids, dangling references), and, when manifests and rule packs are checked \
      together, values that a rule compares on a scale but that are not on it, scope values that \
      the manifests and the packs do not share, and capability paths that rules read and no \
      manifest has. Each warning has a code (warning[W302]); --allow drops a code, --strict \
      makes the rest errors. Exits 0 when there is no error, 2 otherwise.
      """)

  @Argument(help: ArgumentHelp("Files or directories to check (default: manifests and Rules).", valueName: "path"))
  var paths: [String] = []

  @OptionGroup var warnings: WarningOptions

  func execute() throws -> Int32 {
    let defaults = ["manifests", "Rules"]
    let targets = paths.isEmpty ? defaults.filter { FileManager.default.fileExists(atPath: $0) } : paths
    guard !targets.isEmpty else {
      throw DiagnosticError([Diagnostic(.error, file: "manifests, Rules", "no PATH given and neither ./manifests nor ./Rules exists",
        hint: "give files or directories to check")])
    }
    let (workspace, found) = AuditRun.check(targets)
    let diagnostics = warnings.policy.apply(found)
    FileHandleOutput.report(diagnostics)
    let counts = [
      ("platform manifest", workspace.manifests.count), ("rule pack", workspace.packs.count),
      ("obligation", workspace.obligations.count), ("example", workspace.obligations.reduce(0) { $0 + $1.examples.count }),
      ("waiver", workspace.waivers.count), ("timeline", workspace.timelines.count),
      ("entity", workspace.entities.entities.count),
    ].filter { $0.1 > 0 }.map { plural($0.1, $0.0) }
    FileHandleOutput.standardError(
      "checked \(plural(workspace.inputs.count, "file"))"
        + (counts.isEmpty ? "" : " (\(counts.joined(separator: ", ")))")
        + ": \(diagnostics.tally)")
    return ExitStatus.forCheck(diagnostics: diagnostics, files: workspace.inputs.count, strict: warnings.strict)
  }
}
