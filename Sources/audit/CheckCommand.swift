import ArgumentParser
import AuditCore
import Foundation

/// `audit check`: validates files without evaluating anything.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Validate rule packs, manifests, waivers, timelines and entities without evaluating them.",
    discussion: """
      Reads every *.yaml and *.yml file under the paths (sorted, recursively) and reports every \
      problem as path:line:column: error: message. Exits 0 when there is no error, 2 otherwise.
      """)

  @Argument(help: ArgumentHelp("Files or directories to check (default: manifests and Rules).", valueName: "path"))
  var paths: [String] = []

  @Flag(help: "Count warnings as errors.")
  var strict = false

  func run() throws {
    let targets = paths.isEmpty ? ["manifests", "Rules"].filter { FileManager.default.fileExists(atPath: $0) } : paths
    guard !targets.isEmpty else {
      throw ValidationError("nothing to check: give files or directories, or run from a project with manifests/ or Rules/")
    }
    let workspace = Workspace.load(targets)
    FileHandleOutput.report(workspace.diagnostics)
    let counts = [
      ("platform manifest", "platform manifests", workspace.manifests.count),
      ("rule pack", "rule packs", workspace.packs.count),
      ("obligation", "obligations", workspace.obligations.count), ("waiver", "waivers", workspace.waivers.count),
      ("timeline", "timelines", workspace.timelines.count), ("entity", "entities", workspace.entities.entities.count),
    ].filter { $0.2 > 0 }.map { "\($0.2) \($0.2 == 1 ? $0.0 : $0.1)" }
    FileHandleOutput.standardError(
      "checked \(workspace.inputs.count) file\(workspace.inputs.count == 1 ? "" : "s")"
        + (counts.isEmpty ? "" : " (\(counts.joined(separator: ", ")))")
        + ": \(workspace.diagnostics.tally)")
    let failed = workspace.diagnostics.hasErrors || (strict && !workspace.diagnostics.isEmpty)
    if failed || workspace.inputs.isEmpty { throw ExitCode(ExitStatus.badInput) }
  }
}
