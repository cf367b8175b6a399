import ArgumentParser
import AuditCore

/// `audit schema`: prints the JSON Schema of a file kind, for editors.
struct SchemaCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "schema",
    abstract: "Print the JSON Schema of a file kind, so editors complete and check files as you type.",
    discussion: """
      Without a kind, prints one schema that covers every kind by its 'kind:' key. For VS Code's \
      YAML extension: audit schema > .vscode/interop-audit.schema.json, then map it to your \
      *.yaml files under "yaml.schemas".
      """)

  @Argument(help: ArgumentHelp("\(SchemaCommand.kinds) (default: all kinds).", valueName: "kind"))
  var kind: String?

  /// Every kind, as `--help` lists them: "platform, rules, waivers, timeline or entities".
  static var kinds: String {
    let names = DocumentKind.allCases.map(\.rawValue)
    return names.dropLast().joined(separator: ", ") + (names.count > 1 ? " or " : "") + (names.last ?? "")
  }

  func validate() throws {
    if let kind, DocumentKind(rawValue: kind) == nil {
      throw ValidationError("unknown kind '\(kind)'; expected one of: \(DocumentKind.allCases.map(\.rawValue).joined(separator: ", "))")
    }
  }

  func run() throws {
    FileHandleOutput.standardOutput(FileSchema.schema(for: kind.flatMap(DocumentKind.init)).rendered())
  }
}
