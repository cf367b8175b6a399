import AuditCore
import Crypto
import Foundation

/// `report.html`: one self-contained page (inline CSS and script, no network) rendered from the
/// `report.html` template. Its Content-Security-Policy allows no fetches at all and only the
/// page's own script, by hash, so even a template mistake cannot run injected code.
public struct HTMLReport: ReportFormat {
  public static let identifier = "html"
  public static let summary = "report.html: one self-contained page with coloured matrices, filters and a print layout."
  public static let documents: Set<ReportDocumentKind> = [.results, .diff, .timeline, .history]
  public static let usesTemplates = true
  public static func fileName(for document: ReportDocumentKind) -> String { "\(document.baseName).html" }

  public init() {}

  public func render(_ context: ReportContext) throws -> [ReportFile] {
    let templates = try Templates.load(overrides: context.templatesDirectory)
    let text = try templates.render(Self.pageData(context.templateData, templates: templates),
      template: "report.html")
    return [ReportFile(name: Self.fileName(for: .results), text: text)]
  }

  public func render(_ context: DocumentContext) throws -> [ReportFile] {
    [try context.page.renderPage(Self.identifier, name: Self.fileName(for: context.kind))]
  }

  /// Adds the page script (the `html-script` template) and its CSP hash to template data; other
  /// HTML reports (timeline, diff) call this too.
  public static func pageData(_ data: [String: Any], templates: Templates) throws -> [String: Any] {
    var data = data
    let script = try templates.render(data, template: "html-script")
    data["script"] = script
    data["scriptHash"] = "sha256-" + Data(SHA256.hash(data: Data(script.utf8))).base64EncodedString()
    return data
  }
}
