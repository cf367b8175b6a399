import AuditCore
import AuditReports
import Foundation
import Testing

/// The fixtures put `<script>`, `|`, newlines, leading `#` and `javascript:` URLs into names,
/// titles, evidence and waivers; no report may carry them through as markup or links.
@Suite struct HostileInputTests {
  @Test func htmlCarriesNoInjectedMarkupOrLinks() throws {
    let html = try #require(try ReportFixtures.render([HTMLReport.self])["report.html"])
    #expect(!html.contains("<script>alert"))
    #expect(!html.contains("<img"))
    #expect(!html.contains("<b>bold"))
    #expect(!html.lowercased().contains("href=\"javascript:"))
    #expect(html.contains("&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt; 微信|A"))
    #expect(html.components(separatedBy: "<script>").count == 2, "only the page's own script")
    // The safe URL is linked; the javascript: one is shown as text.
    #expect(html.contains("href=\"https://example.org/tests_(a)/b?x=1&amp;y=[2]\""))
    #expect(html.contains("<span class=\"mono\">javascript:alert(document.cookie)</span>"))
  }

  @Test func markdownTablesKeepTheirCells() throws {
    let markdown = try #require(try ReportFixtures.render([MarkdownReport.self])["report.md"])
    #expect(!markdown.contains("<script"))
    let unescaped = markdown.replacingOccurrences(of: "\\]", with: "")  // an escaped ] opens no link
    #expect(!unescaped.contains("](javascript:"))
    #expect(!unescaped.contains("](<javascript:"))
    #expect(markdown.contains("[source](<https://example.org/tests\\_(a)/b?x=1&amp;y=\\[2\\]>)"))
    var header: Int?
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
      guard line.hasPrefix("|") else { header = nil; continue }
      let cells = Self.cellCount(String(line))
      if let header { #expect(cells == header, "row has \(cells) cells, header \(header): \(line)") } else { header = cells }
    }
  }

  @Test func csvDefusesFormulas() throws {
    #expect(CSVReportFieldProbe.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
    #expect(CSVReportFieldProbe.field("-1") == "'-1")
    #expect(CSVReportFieldProbe.field("a,b") == "\"a,b\"")
    #expect(CSVReportFieldProbe.field("a\nb") == "\"a\nb\"")
    #expect(CSVReportFieldProbe.field("微信") == "微信")
  }

  /// Cells in a GFM table row: unescaped pipes, less the leading and trailing ones.
  static func cellCount(_ line: String) -> Int {
    var count = 0
    var escaped = false
    for character in line {
      if escaped { escaped = false; continue }
      if character == "\\" { escaped = true } else if character == "|" { count += 1 }
    }
    return count - 1
  }
}

/// The CSV field encoding, seen through the format's output.
enum CSVReportFieldProbe {
  static func field(_ value: String) -> String {
    let row = CSVReport.row([value])
    return String(row.dropLast())  // "\r\n" is one Character
  }
}

/// The escaping helpers that every renderer uses.
@Suite struct TextEscapingTests {
  @Test func markdownEscapesWhatGFMReads() {
    #expect(TextEscaping.markdown("a|b") == "a\\|b")
    #expect(TextEscaping.markdown("# title") == "\\# title")
    #expect(TextEscaping.markdown("line1\nline2") == "line1<br>line2")
    #expect(TextEscaping.markdown("<script>") == "&lt;script&gt;")
    #expect(TextEscaping.markdown("- item") == "\\- item")
    #expect(TextEscaping.markdown("微信") == "微信")
  }

  @Test func htmlAndXMLEscapeMarkupAndControls() {
    #expect(TextEscaping.html("<a href=\"x\">'&") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;")
    // Controls are shown visibly, as on stderr; noncharacters become U+FFFD.
    #expect(TextEscaping.html("a\u{1}b\u{FFFE}") == "a\\u{1}b\u{FFFD}")
    #expect(TextEscaping.xml("a\nb", attribute: true) == "a&#10;b")
    #expect(TextEscaping.xml("x\u{0}y") == "x\\u{0}y")
    #expect(TextEscaping.printable("a\r\nb\rc") == "a\nb\nc")
  }

  @Test func onlyHTTPAndHTTPSAreLinked() {
    #expect(TextEscaping.safeURL("https://example.org/a?b=1") == "https://example.org/a?b=1")
    #expect(TextEscaping.safeURL("HTTP://EXAMPLE.ORG") == "HTTP://EXAMPLE.ORG")
    #expect(TextEscaping.safeURL("javascript:alert(1)") == nil)
    #expect(TextEscaping.safeURL(" https://example.org") == nil)
    #expect(TextEscaping.safeURL("data:text/html,x") == nil)
    #expect(TextEscaping.safeURL("https://example.org/\"onmouseover=") == nil)
  }

  @Test func pathsBecomeURIReferences() {
    #expect(TextEscaping.uriReference(path: "manifests/商店 e.yaml") == "manifests/%E5%95%86%E5%BA%97%20e.yaml")
    #expect(TextEscaping.uriReference(path: "/abs/a b") == "file:///abs/a%20b")
  }
}
