import ArgumentParser
import AuditCore

/// `audit explain`: prints an obligation (or an operator) in words.
struct ExplainCommand: AuditCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Print an obligation: its text, legal basis, check in words and examples.",
    discussion: "Also explains an operator or combinator by its key: audit explain at_least")

  @Argument(help: ArgumentHelp("An obligation id (CN-LINK-PRIVATE) or an operator key (at_least).", valueName: "id"),
    completion: .custom { _, _, _ in ExplainCommand.completions() })
  var id: String

  @OptionGroup var rules: RulesOptions

  @OptionGroup var config: ConfigOptions

  func execute() throws -> Int32 {
    if let text = Explanation.operatorText(id) {
      FileHandleOutput.standardOutput(text)
      return ExitStatus.clean
    }
    let workspace = AuditRun.loadRules(try rules.paths(try config.load()))
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

  /// What the shell completes an id with: the obligations of the rule packs the command would
  /// read here (the config's, else Rules), then the operator keys. Problems complete nothing.
  static func completions() -> [String] {
    let config = (try? ConfigOptions.load(nil)) ?? nil
    let paths = (try? RulesOptions.paths([], config)) ?? []
    return AuditRun.loadRules(paths).obligations.map(\.id).sorted() + OperatorRegistry.keys + Combinator.keys
  }
}
