import ArgumentParser
import AuditCore
import AuditReports
import Foundation

/// `audit list`: what this installation knows — rule packs, their obligations, the operators a
/// rule can use and the report formats — so that a newcomer need not read the sources.
struct ListCommand: AuditCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List rule packs, obligations, operators or report formats.",
    discussion: """
      packs: without --rules (or a config's rules), every pack that --rules NAME finds — in \
      $AUDIT_RULES_PATH, then installed beside the executable, then a build tree's Rules/ — with \
      its path and number of obligations; with them, the packs they hold. obligations: those of \
      the rule packs the other commands would read (--rules, the config's rules, else Rules, \
      else every pack found). operators: the leaf operators and combinators of 'require'. \
      formats: the --format names and the documents each renders.
      """)

  /// What to list.
  enum Topic: String, CaseIterable, ExpressibleByArgument {
    case packs, obligations, operators, formats
  }

  /// How to print it.
  enum ListFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json

    init?(argument: String) { self.init(rawValue: argument.lowercased()) }
  }

  @Argument(help: ArgumentHelp("packs, obligations, operators or formats.", valueName: "topic"))
  var topic: Topic

  @OptionGroup var rules: RulesOptions

  @Option(name: [.customShort("f"), .customLong("format")], help: ArgumentHelp("Print a text table or JSON.", valueName: "format"))
  var format: ListFormat = .text

  @OptionGroup var config: ConfigOptions

  func execute() throws -> Int32 {
    let rows: [[(String, JSONValue)]]
    switch topic {
    case .packs: rows = try packs()
    case .obligations: rows = try obligations()
    case .operators:
      rows = OperatorRegistry.all.map { [("key", .string($0.key)), ("kind", "operator"), ("summary", .string($0.summary))] }
        + Combinator.keys.map { [("key", .string($0)), ("kind", "combinator"), ("summary", .string(Combinator.summary(for: $0) ?? ""))] }
    case .formats:
      rows = ReportFormats.all.map { f in
        [("name", .string(f.identifier)),
         ("documents", .array(ReportDocumentKind.allCases.filter(f.documents.contains).map { .string($0.rawValue) })),
         ("standard_output", .bool(ReportFormats.standardOutputCapable.contains(f.identifier))),
         ("summary", .string(f.summary))]
      }
    }
    FileHandleOutput.standardOutput(format == .json ? JSONValue.object([(topic.rawValue, .array(rows.map { .object($0) }))]).rendered() : table(rows))
    return ExitStatus.clean
  }

  /// Packs given (`--rules` or the config's), else every pack on the search path.
  private func packs() throws -> [[(String, JSONValue)]] {
    let given = try rules.paths(try config.load())
    let sources: [(name: String?, path: String)] = given.isEmpty
      ? RulePackLocator.forThisProcess.packs().map { ($0.name, $0.path) } : given.map { (nil, $0) }
    return try sources.flatMap { source -> [[(String, JSONValue)]] in
      let workspace = try loaded(Workspace.load([source.path]))
      return workspace.packs.map { pack in
        [("name", .string(source.name ?? pack.id)), ("pack", .string(pack.id)), ("obligations", .int(pack.obligations.count)),
         ("path", .string(source.path))]
      }
    }
  }

  /// The obligations of the packs the other commands read, else of every pack found.
  private func obligations() throws -> [[(String, JSONValue)]] {
    let given = try rules.paths(try config.load())
    let found = RulePackLocator.forThisProcess.packs().map(\.path)
    let paths = given.isEmpty && !FileManager.default.fileExists(atPath: "Rules") ? found : given
    let workspace = try loaded(AuditRun.loadRules(paths))
    return workspace.obligations.sorted { ($0.pack, $0.id) < ($1.pack, $1.id) }.map { o in
      [("id", .string(o.id)), ("severity", .string(o.severity.rawValue)), ("pack", .string(o.pack)),
       ("title", .string(o.titleEn ?? o.title))]
    }
  }

  /// A workspace without errors; its errors stop the listing.
  private func loaded(_ workspace: Workspace) throws -> Workspace {
    if workspace.diagnostics.hasErrors {
      throw DiagnosticError(workspace.diagnostics, summary: "audit: the rule packs have errors; nothing was listed")
    }
    return workspace
  }

  /// Rows as aligned columns, one header line first; the last column (a title, a path, a
  /// summary) runs on unpadded.
  private func table(_ rows: [[(String, JSONValue)]]) -> String {
    guard let first = rows.first else { return "(none)" }
    let header = first.map { $0.0 }
    let cells = rows.map { $0.map { cell($0.1) } }
    let widths = header.indices.map { i in ([header[i]] + cells.map { $0[i] }).map(\.count).max() ?? 0 }
    func line(_ values: [String]) -> String {
      values.enumerated().map { i, v in i == values.count - 1 ? v : v.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
        .joined(separator: "  ")
    }
    return ([line(header.map { $0.uppercased() })] + cells.map(line)).joined(separator: "\n")
  }

  private func cell(_ value: JSONValue) -> String {
    switch value {
    case .string(let s): s
    case .int(let i): String(i)
    case .bool(let b): b ? "yes" : "no"
    case .array(let items): items.map(cell).joined(separator: ",")
    default: ""
    }
  }
}
