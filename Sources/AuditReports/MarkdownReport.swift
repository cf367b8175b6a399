import AuditCore

/// `report.md`: GitHub-flavoured Markdown for pull requests and wikis, rendered from the
/// `report.md` template; every input string is escaped so that each table keeps its cells.
public struct MarkdownReport: ReportFormat {
  public static let identifier = "markdown"
  public static let summary = "report.md: GitHub-flavoured Markdown (matrices, findings, waivers, provenance)."
  public static let documents: Set<ReportDocumentKind> = [.results, .diff, .timeline, .history]
  public static let usesTemplates = true
  public static func fileName(for document: ReportDocumentKind) -> String { "\(document.baseName).md" }

  public init() {}

  public func render(_ context: ReportContext) throws -> [ReportFile] {
    let templates = try Templates.load(overrides: context.templatesDirectory)
    let text = try templates.render(context.templateData, template: "report.md")
    return [ReportFile(name: Self.fileName(for: .results), text: text)]
  }

  public func render(_ context: DocumentContext) throws -> [ReportFile] {
    [try context.page.renderPage(Self.identifier, name: Self.fileName(for: context.kind))]
  }
}
