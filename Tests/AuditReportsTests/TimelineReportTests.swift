import AuditCore
import AuditReports
import AuditTestSupport
import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite struct TimelineReportTests {
  static func document(filter: TimelineDocument.Filter = .init()) throws -> TimelineDocument {
    let workspace = Workspace.load(files: try Fixtures.files("timeline"))
    #expect(workspace.diagnostics.filter { $0.severity == .error }.isEmpty, "\(workspace.diagnostics)")
    return TimelineBuilder.build(workspace, filter: filter)
  }

  static func render(_ format: String) throws -> String {
    let files = try TimelineReport(document: try document(), linkBase: "../").render(formats: [format])
    return String(decoding: try #require(files.first).contents, as: UTF8.self)
  }

  @Test(arguments: [("markdown", "timeline.md"), ("html", "timeline.html"), ("json", "timeline.json")])
  func golden(format: String, name: String) throws {
    try Golden.check(try Self.render(format), "timeline/\(name)")
  }

  @Test func theMermaidBlockParses() throws {
    let markdown = try Self.render("markdown")
    let blocks = Self.mermaidBlocks(markdown)
    #expect(!blocks.isEmpty)
    for block in blocks { #expect(MermaidTimelineGrammar.problems(block) == []) }
    // Every event once, on its date's lines ("2021-11-29" or "2021-11-29 (2/3)"), a handful
    // to a line at most.
    let doc = try Self.document()
    let lines = blocks.flatMap { $0.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) } }
    for date in Set(doc.events.map(\.date)) {
      let dated = lines.filter { $0.hasPrefix("\(date) :") || $0.hasPrefix("\(date) (") }
      let events = dated.map { $0.split(separator: ":").count - 1 }
      #expect(events.reduce(0, +) == doc.events.filter { $0.date == date }.count, "\(dated)")
      #expect(events.allSatisfy { $0 <= MermaidTimeline.maxEventsPerLine })
    }
  }

  @Test func theSVGIsWellFormedXML() throws {
    let svg = TimelineChart().svg(try Self.document())
    #expect(try Self.xmlProblems(svg) == nil)
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    // Every event has a numbered mark in each of its actors' lanes, and a tooltip.
    #expect(svg.components(separatedBy: "<a href=\"#e").count - 1 == 14)
    #expect(svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"))
  }

  @Test func tallStacksAreCountedNotDrawn() throws {
    var doc = try Self.document()
    let event = doc.events[13]
    doc.events += Array(repeating: event, count: 12)
    let svg = TimelineChart().svg(doc)
    // chat has 6 marks on 2021-11-29, now 18: ten drawn, eight counted.
    #expect(svg.contains(">+8</text>"))
    #expect(svg.contains("<title>also events 19, 20, 21, 22, 23, 24, 25, 26</title>"))
    #expect(try Self.xmlProblems(svg) == nil)
  }

  @Test func theHTMLEscapesInputsAndLinksOnlyToTheWeb() throws {
    let html = try Self.render("html")
    #expect(!html.contains("<script>"))
    #expect(!html.contains("href=\"javascript:"))
    #expect(html.contains("&lt;b&gt;not bold&lt;/b&gt;"))
    #expect(html.contains("<a href=\"../Tests/Fixtures/timeline/chat/2021-09-17.yaml#L8\">"))
  }

  @Test func theMarkdownKeepsEveryRowOneTableRow() throws {
    let markdown = try Self.render("markdown")
    let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| #") }
    #expect(rows.count == 14)
    for row in rows {
      // Unescaped pipes are cell borders: 7 per row.
      let borders = row.enumerated().filter { i, c in c == "|" && (i == 0 || Array(row)[i - 1] != "\\") }.count
      #expect(borders == 7, "\(row)")
    }
    // javascript: addresses stay text: never the target of a link.
    #expect(!markdown.replacingOccurrences(of: "\\]", with: "").contains("](javascript:"))
    #expect(markdown.contains("| javascript:alert(1) |"))
  }

  @Test(arguments: [
    "a: b", "#1; two", "%%{init}%%", "line\nbreak", "<br>", "```", "title x", "   ", "ok",
    String(repeating: "长", count: 300),
  ])
  func hostileTextStaysOneEvent(_ text: String) throws {
    var doc = try Self.document()
    doc.title = text
    doc.titleEn = nil
    doc.events[0].title = text
    doc.events[0].titleEn = nil
    doc.events[0].actors = [text]
    for block in MermaidTimeline.blocks(doc) {
      #expect(MermaidTimelineGrammar.problems(block.text) == [], "\(block.text)")
    }
    #expect(try Self.xmlProblems(TimelineChart().svg(doc)) == nil)
  }

  @Test func theGrammarCheckerRejectsBrokenBlocks() {
    #expect(MermaidTimelineGrammar.problems("timeline\n  2021 : a : b") == [])
    #expect(MermaidTimelineGrammar.problems("timeline\n  2021 : a:b") != [])
    #expect(MermaidTimelineGrammar.problems("timeline\n  2021 : a #b") != [])
    #expect(MermaidTimelineGrammar.problems("timeline\n  2021") != [])
    #expect(MermaidTimelineGrammar.problems("timeline\n  section a: b") != [])
    #expect(MermaidTimelineGrammar.problems("timeline\n  2021 : a\n  2021 : b") != [])
    #expect(MermaidTimelineGrammar.problems("  2021 : a") != [])
    #expect(MermaidTimelineGrammar.problems("timeline\n  2021 : 100%% sure") != [])
  }

  @Test func filtersAreReported() throws {
    let doc = try Self.document(filter: .init(from: PartialDate("2021"), actors: ["chat"]))
    let markdown = String(decoding: try TimelineReport(document: doc).render(formats: ["markdown"])[0].contents, as: UTF8.self)
    #expect(markdown.contains("Filtered: from 2021 involving chat."))
    #expect(markdown.contains("left out by the filters"))
  }

  @Test func unknownFormatsAreRefused() throws {
    #expect(throws: DiagnosticError.self) { try TimelineReport(document: try Self.document()).render(formats: ["sarif"]) }
  }

  /// Every Mermaid block of a Markdown page.
  static func mermaidBlocks(_ markdown: String) -> [String] {
    var blocks: [String] = []
    var rest = markdown[...]
    while let start = rest.range(of: "```mermaid\n"), let end = rest.range(of: "\n```", range: start.upperBound..<rest.endIndex) {
      blocks.append(String(rest[start.upperBound..<end.lowerBound]))
      rest = rest[end.upperBound...]
    }
    return blocks
  }

  /// `nil` when `xml` parses as a well-formed document, else the parser's error.
  static func xmlProblems(_ xml: String) throws -> String? {
    let parser = XMLParser(data: Data(xml.utf8))
    return parser.parse() ? nil : "\(parser.parserError.map { "\($0)" } ?? "unknown") at line \(parser.lineNumber)"
  }
}
