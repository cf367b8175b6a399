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

  @Test func theTimelineAndDiffPagesTakeTheStyleOverrideToo() throws {
    let dir = try Self.directory(["html-style.mustache": "body { font-family: serif; }\n"])
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let timeline = try TimelineReport(document: try TimelineReportTests.document(), templatesDirectory: dir).render(formats: ["html"])
    let diff = try DiffReport(document: try DiffReportTests.document(), templatesDirectory: dir).render(formats: ["html"])
    for file in timeline + diff {
      #expect(String(decoding: file.contents, as: UTF8.self).contains("<style>\nbody { font-family: serif; }\n</style>"), "\(file.name)")
    }
    // Without an override, the pages keep their own stylesheet only.
    let plain = try TimelineReport(document: try TimelineReportTests.document()).render(formats: ["html"])
    #expect(!String(decoding: try #require(plain.first).contents, as: UTF8.self).contains("header.page h1"))
  }

  @Test func aBrokenTemplateIsALocatedDiagnostic() throws {
    let dir = try Self.directory(["report.md.mustache": "line one\n{{#open}} never closed"])
    defer { try? FileManager.default.removeItem(atPath: dir) }
    do {
      _ = try ReportFixtures.render([MarkdownReport.self], templates: dir)
      Issue.record("a broken template rendered")
    } catch let error as DiagnosticError {
      #expect(error.diagnostics.first?.location?.file.hasSuffix("report.md.mustache") == true)
      #expect(error.diagnostics.first?.location?.line == 2)
      #expect(error.description.contains(": error: template does not parse: a section is not closed"), "\(error)")
    }
  }

  @Test func aMissingDirectoryIsAnError() {
    #expect(throws: DiagnosticError.self) {
      _ = try ReportFixtures.render([MarkdownReport.self], templates: "/nonexistent/templates")
    }
  }

  /// Overrides that include themselves, directly or through others, generated: each is a
  /// located error naming the cycle, never a stack overflow.
  static let cycles: [(files: [String: String], file: String, line: Int, cycle: String)] = [
    (["report.md.mustache": "# Report\n{{> report.md}}\n"], "report.md.mustache", 2, "'report.md' → 'report.md'"),
    (["html-style.mustache": "body {}\n  {{>html-head}}"], "html-style.mustache", 2, "'html-style' → 'html-head' → 'html-style'"),
    (["a.mustache": "{{> b}}", "b.mustache": "x {{=<% %>=}} <%> c%>", "c.mustache": "{{! > b is not an include }}{{>  a }}",
      "report.md.mustache": "{{> a}}"], "a.mustache", 1, "'a' → 'b' → 'c' → 'a'"),
  ]

  @Test(arguments: cycles.indices)
  func aTemplateThatIncludesItselfIsALocatedError(_ index: Int) throws {
    let (files, file, line, cycle) = Self.cycles[index]
    let dir = try Self.directory(files)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    do {
      _ = try ReportFixtures.render([MarkdownReport.self, HTMLReport.self], templates: dir)
      Issue.record("a cycle of partials rendered")
    } catch let error as DiagnosticError {
      #expect(error.diagnostics.first?.location?.file == dir + "/" + file)
      #expect(error.diagnostics.first?.location?.line == line)
      #expect(error.description.contains("error: templates include each other in a cycle: \(cycle)"), "\(error)")
    }
  }

  @Test func aChainOfPartialsCannotExpandWithoutBound() throws {
    // Forty partials, each including the next twice: 2^40 copies of the last.
    var files = ["report.md.mustache": "{{> p0}}"]
    for i in 0..<40 { files["p\(i).mustache"] = "{{> p\(i + 1)}}{{> p\(i + 1)}}" }
    files["p40.mustache"] = "x"
    let dir = try Self.directory(files)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    #expect(throws: DiagnosticError.self) { _ = try ReportFixtures.render([MarkdownReport.self], templates: dir) }
  }

  @Test func nestedSectionsOverOneListStopAtTheBudget() throws {
    // Each level repeats the whole list for every item: platforms^12 dots.
    let nested = String(repeating: "{{#platforms}}", count: 12) + "." + String(repeating: "{{/platforms}}", count: 12)
    let dir = try Self.directory(["report.md.mustache": "{{% CONTENT_TYPE: MARKDOWN}}\n" + nested])
    defer { try? FileManager.default.removeItem(atPath: dir) }
    do {
      _ = try ReportFixtures.render([MarkdownReport.self], templates: dir)
      Issue.record("an explosive template rendered")
    } catch let error as DiagnosticError {
      #expect(error.description.contains("list items for this data; nothing was written"), "\(error)")
    }
    // One pass over the list is well inside the budget.
    let once = try Self.directory(["report.md.mustache": "{{% CONTENT_TYPE: MARKDOWN}}\n{{#platforms}}.{{/platforms}}"])
    defer { try? FileManager.default.removeItem(atPath: once) }
    #expect(try ReportFixtures.render([MarkdownReport.self], templates: once)["report.md"]?.contains(".") == true)
  }
}
