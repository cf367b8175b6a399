import ArgumentParser
import AuditCore

/// `audit explain`: prints an obligation (or an operator) in words.
struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Print an obligation: its text, legal basis, check in words and examples.",
    discussion: "Also explains an operator or combinator by its key: audit explain at_least")

  @Argument(help: ArgumentHelp("An obligation id (CN-LINK-PRIVATE) or an operator key (at_least).", valueName: "id"))
  var id: String

  @OptionGroup var rules: RulesOptions

  func run() throws {
    if let text = Explanation.operatorText(id) {
      FileHandleOutput.standardOutput(text)
      return
    }
    let workspace = Workspace.load(rules.paths)
    FileHandleOutput.report(workspace.diagnostics.filter { $0.severity == .error })
    let obligations = workspace.obligations
    guard let obligation = obligations.first(where: { $0.id == id }) else {
      let known = obligations.map(\.id) + OperatorRegistry.keys + Combinator.keys
      let hint = known.isEmpty ? "no rule packs were found; pass --rules" : "did you mean '\(Explanation.closest(id, known))'?"
      FileHandleOutput.standardError("audit: error: no obligation or operator '\(id)' — \(hint)")
      throw ExitCode(ExitStatus.badInput)
    }
    FileHandleOutput.standardOutput(Explanation.text(obligation))
  }
}
