import ArgumentParser
import AuditCore
import AuditReports
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
      together, values that a rule compares on a scale but that are not on it, and scopes that \
      name a category or jurisdiction no manifest has. Exits 0 when there is no error, 2 otherwise.

      Without paths, checks the paths, rules and waivers of .interop-audit.yaml (or --config \
      FILE), else ./manifests and ./Rules. --format json or sarif prints the diagnostics to \
      standard output for machines (the closing line still goes to standard error).
      """)

  @Argument(help: ArgumentHelp("Files or directories to check (default: the config's paths, rules and waivers, else manifests and Rules).", valueName: "path"),
    completion: .file())
  var paths: [String] = []

  @OptionGroup var rules: RulesOptions

  @Flag(inversion: .prefixedNo, help: "Count warnings as errors (default: the config's strict, else off).")
  var strict: Bool?

  @Option(name: [.customShort("f"), .customLong("format")],
    help: ArgumentHelp("Print the diagnostics as text (to standard error), json or sarif (to standard output).", valueName: "format"))
  var format: CheckFormat = .text

  @OptionGroup var config: ConfigOptions

  /// How `audit check` prints its diagnostics.
  enum CheckFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json, sarif

    init?(argument: String) { self.init(rawValue: argument.lowercased()) }
  }

  func execute() throws -> Int32 {
    let project = try config.load()
    let targets = try self.targets(project)
    let (workspace, diagnostics) = AuditRun.check(targets)
    switch format {
    case .text: FileHandleOutput.report(diagnostics)
    case .json: FileHandleOutput.standardOutput(DiagnosticsReport.json(diagnostics, files: workspace.inputs.count))
    case .sarif: FileHandleOutput.standardOutput(DiagnosticsReport.sarif(diagnostics))
    }
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
    return ExitStatus.forCheck(diagnostics: diagnostics, files: workspace.inputs.count, strict: strict ?? project?.strict ?? false)
  }

  /// The paths given (with --rules), else the config's paths, rules and waivers, else those of
  /// ./manifests and ./Rules that exist.
  private func targets(_ project: ProjectConfig?) throws(DiagnosticError) -> [String] {
    let named = try rules.paths(paths.isEmpty ? project : nil)
    if !paths.isEmpty { return paths + named }
    if let project, project.paths != nil || project.rules != nil || project.waivers != nil {
      return (project.paths ?? []) + named + (project.waivers ?? [])
    }
    let defaults = ["manifests", "Rules"].filter { FileManager.default.fileExists(atPath: $0) }
    guard !defaults.isEmpty || !named.isEmpty else {
      throw DiagnosticError([Diagnostic(.error, file: "manifests, Rules", "no PATH given, no config file, and neither ./manifests nor ./Rules exists",
        hint: "give files or directories to check, or run 'audit init'")])
    }
    return defaults + named
  }
}
