import ArgumentParser
import AuditCore
import AuditReports

#if canImport(Glibc)
  import Glibc
#endif

/// `audit`: checks internet platforms against interoperability obligations (互联互通).
@main
struct Audit: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    abstract: "Audit platforms' capability manifests against interoperability obligations (互联互通).",
    discussion: """
      Obligations live in YAML rule packs (Rules/); each platform's observed capabilities live in \
      YAML manifests (manifests/), one per platform per date. 'audit run' checks every manifest \
      against every obligation that applies and writes reports.

      Exit codes: 0 clean; 1 failures at or above --fail-on (regressions for 'diff', failing \
      examples for 'test'); 2 bad invocation, bad input, or any 'error' result.

      Start with:
        audit check manifests Rules
        audit run manifests/cn --rules Rules/cn-interop --as-of 2021-12-02
      In a repository of your own: 'audit init' writes a starting layout and a \
      .interop-audit.yaml, after which 'audit check', 'audit test' and 'audit run' need no \
      arguments; --rules cn-interop names an installed pack ('audit list packs').
      """,
    version: AuditVersion.current,
    subcommands: [
      RunCommand.self, CheckCommand.self, TestCommand.self, ExplainCommand.self,
      SchemaCommand.self, TimelineCommand.self, DiffCommand.self,
      HistoryCommand.self, ListCommand.self, InitCommand.self,
    ]
  )

  /// Parses and runs. This is the one place failures are printed: argument errors exit 2 (as
  /// the exit-code contract says, not 64); every failure after parsing is a `DiagnosticError`
  /// (`path[:line:column]: error: message — hint`, then its closing line), exit 2; no library
  /// error text reaches users.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let failure as DiagnosticError {
      FileHandleOutput.report(failure.diagnostics)
      if let summary = failure.summary { FileHandleOutput.standardError(summary) }
      Glibc.exit(ExitStatus.badInput)
    } catch {
      let code = exitCode(for: error)
      if code == .validationFailure {
        FileHandleOutput.standardError(fullMessage(for: error))
        Glibc.exit(ExitStatus.badInput)
      }
      if error is ExitCode || error is CleanExit || code == .success {
        Self.exit(withError: error)
      }
      // An error no command turned into a diagnostic: name its kind, not its description.
      FileHandleOutput.report([Diagnostic(.error, file: "audit",
        "unexpected failure (\(String(describing: type(of: error))))",
        hint: "please report this with the command you ran")])
      Glibc.exit(ExitStatus.badInput)
    }
  }
}

extension Day: ExpressibleByArgument {
  public init?(argument: String) { self.init(argument) }
}

extension FailThreshold: ExpressibleByArgument {}
