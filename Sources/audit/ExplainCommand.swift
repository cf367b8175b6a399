import ArgumentParser
import AuditCore

/// `audit explain`: prints an obligation (or an operator) in words.
struct ExplainCommand: AuditCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Print an obligation: its text, legal basis, check in words and examples.",
    discussion: "Also explains an operator or combinator by its key: audit explain at_least")

  @Argument(help: ArgumentHelp("An obligation id (CN-LINK-PRIVATE) or an operator key (at_least).", valueName: "id"))
  var id: String

  @Option(name: .customLong("rules"),
    help: ArgumentHelp("Read rule packs from this file or directory; repeat, or separate with commas (default: Rules).", valueName: "path"))
  var rules: [String] = []

  func execute() throws -> Int32 {
    if let text = Explanation.operatorText(id) {
      FileHandleOutput.standardOutput(text)
      return ExitStatus.clean
    }
    let workspace = AuditRun.loadRules(listValues(rules))
    let errors = workspace.diagnostics.filter { $0.severity == .error }
    guard let obligation = workspace.obligations.first(where: { $0.id == id }) else {
      let known = workspace.obligations.map(\.id) + OperatorRegistry.keys + Combinator.keys
      let hint = workspace.obligations.isEmpty ? "no rule packs were read; pass --rules" : "did you mean '\(Explanation.closest(id, known))'?"
      throw DiagnosticError(errors + [Diagnostic(.error, file: "audit", "no obligation or operator '\(id)'", hint: hint)])
    }
    FileHandleOutput.report(errors)
    FileHandleOutput.standardOutput(Explanation.text(obligation))
    return ExitStatus.clean
  }
}
