import ArgumentParser
import AuditCore

/// `audit schema`: prints the JSON Schema of a file kind, for editors, or of results.json.
struct SchemaCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "schema",
    abstract: "Print the JSON Schema of a file kind, so editors complete and check files as you type.",
    discussion: """
      Without a kind, prints one schema that covers every kind by its 'kind:' key. For VS Code's \
      YAML extension: audit schema > .vscode/interop-audit.schema.json, then map it to your \
      *.yaml files under "yaml.schemas". 'audit schema results' prints the schema of results.json \
      (interop-audit/results/2) instead.
      """)

  @Argument(help: ArgumentHelp("\(SchemaCommand.kinds) (default: all kinds), or results.", valueName: "kind"))
  var kind: String?

  /// Every kind, as `--help` lists them: "platform, rules, waivers, timeline or entities".
  static var kinds: String {
    let names = DocumentKind.allCases.map(\.rawValue)
    return names.dropLast().joined(separator: ", ") + (names.count > 1 ? " or " : "") + (names.last ?? "")
  }

  func validate() throws {
    if let kind, kind != "results", DocumentKind(rawValue: kind) == nil {
      throw ValidationError("unknown kind '\(kind)'; expected one of: \((DocumentKind.allCases.map(\.rawValue) + ["results"]).joined(separator: ", "))")
    }
  }

  func run() throws {
    let schema = kind == "results" ? ResultsSchema.schema : FileSchema.schema(for: kind.flatMap(DocumentKind.init))
    FileHandleOutput.standardOutput(schema.rendered())
  }
}
