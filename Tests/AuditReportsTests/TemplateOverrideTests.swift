import AuditCore
import AuditReports
import Foundation
import Testing

/// `--templates DIR`: a same-named file replaces a built-in template, so an agency can put its
/// letterhead on the same data; the others stay built in.
@Suite struct TemplateOverrideTests {
  static func directory(_ files: [String: String]) throws -> String {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("audit-templates-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    for (name, text) in files { try Data(text.utf8).write(to: url.appendingPathComponent(name)) }
    return url.path
  }

  @Test func aReportTemplateCanBeReplaced() throws {
    let dir = try Self.directory([
      "report.md.mustache": "{{% CONTENT_TYPE: MARKDOWN}}\n# Agency letterhead\n{{#platforms}}- {{name}}\n{{/platforms}}",
    ])
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let files = try ReportFixtures.render([MarkdownReport.self, HTMLReport.self], templates: dir)
    let markdown = try #require(files["report.md"])
    #expect(markdown.hasPrefix("# Agency letterhead\n"))
    #expect(markdown.contains("- &lt;script&gt;alert(\"name\")&lt;/script&gt; 微信\\|A Chat<br>A"))
    #expect(try #require(files["report.html"]).contains("<h2>Compliance matrices</h2>"))
  }

  @Test func theSharedHeadCanBeReplacedAndTheScriptStaysPinned() throws {
    let dir = try Self.directory([
      "html-style.mustache": "body { font-family: serif; }\n",
    ])
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let html = try #require(try ReportFixtures.render([HTMLReport.self], templates: dir)["report.html"])
    #expect(html.contains("<style>\nbody { font-family: serif; }\n</style>"))
    #expect(html.contains("script-src 'sha256-"))
  }

  @Test func aMissingDirectoryIsAnError() {
    #expect(throws: TemplateError.self) {
      _ = try ReportFixtures.render([MarkdownReport.self], templates: "/nonexistent/templates")
    }
  }
}
