import AuditCore

/// `report.md`: GitHub-flavoured Markdown for pull requests and wikis, rendered from the
/// `report.md` template; every input string is escaped so that each table keeps its cells.
public struct MarkdownReport: ReportFormat {
  public static let identifier = "markdown"
  public static let summary = "report.md: GitHub-flavoured Markdown (matrices, findings, waivers, provenance)."

  public init() {}

  public func render(_ context: ReportContext) throws -> [ReportFile] {
    let templates = try Templates.load(overrides: context.templatesDirectory)
    let text = try templates.render(context.templateData, template: "report.md")
    return [ReportFile(name: "report.md", text: text)]
  }
}
