import ArgumentParser
import AuditCore
import AuditReports

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

  @Argument(help: ArgumentHelp("\(SchemaCommand.kinds) (default: all kinds but config).", valueName: "kind"),
    completion: .list(SchemaCommand.names))
  var kind: String?

  /// The kinds of `kind:` files, then `config` (`.interop-audit.yaml`, which has no `kind:`).
  static var names: [String] { DocumentKind.allCases.map(\.rawValue) + [configKind] }

  static let configKind = "config"

  /// Every kind, as `--help` lists them: "platform, rules, waivers, timeline, entities or config".
  static var kinds: String {
    names.dropLast().joined(separator: ", ") + (names.count > 1 ? " or " : "") + (names.last ?? "")
  }

  func validate() throws {
    if let kind, !Self.names.contains(kind) {
      throw ValidationError("unknown kind '\(kind)'; expected one of: \(Self.names.joined(separator: ", "))")
    }
  }

  func run() throws {
    let schema = kind == Self.configKind
      ? FileSchema.configSchema(formats: ConfigOptions.formatNames, languages: ReportLanguage.allCases.map(\.rawValue))
      : FileSchema.schema(for: kind.flatMap(DocumentKind.init))
    FileHandleOutput.standardOutput(schema.rendered())
  }
}
