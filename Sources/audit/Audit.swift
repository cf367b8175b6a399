import ArgumentParser
import AuditCore

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

      Start with:  audit check manifests Rules   then   audit run manifests --as-of 2021-12-02
      """,
    version: AuditVersion.current,
    subcommands: [
      RunCommand.self, CheckCommand.self, TestCommand.self, ExplainCommand.self,
      SchemaCommand.self, TimelineCommand.self, DiffCommand.self,
    ]
  )

  /// Parses and runs, mapping argument errors to exit code 2 as DESIGN.md asks (not 64).
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let diagnostic as Diagnostic {
      FileHandleOutput.report([diagnostic])
      Glibc.exit(ExitStatus.badInput)
    } catch {
      let code = exitCode(for: error)
      if code == .validationFailure {
        FileHandleOutput.standardError(fullMessage(for: error))
        Glibc.exit(ExitStatus.badInput)
      }
      Self.exit(withError: error)
    }
  }
}

extension Day: ExpressibleByArgument {
  public init?(argument: String) { self.init(argument) }
}

extension FailThreshold: ExpressibleByArgument {}
