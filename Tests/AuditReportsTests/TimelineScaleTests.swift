import AuditCore
import AuditReports
import AuditTestSupport
import Foundation
import Testing

/// The timeline at scale: a chart whose marks follow lanes × dates once events are many, a
/// short span that fills the chart's width, and a table that folds every run once it is long.
@Suite struct TimelineScaleTests {
  /// The fixture's first event copied `perCell` times into each of `lanes` lanes on each of
  /// `dates` dates (one a day from 2021-03-01), the lanes being the document's actors.
  static func generated(lanes: Int, dates: Int, perCell: Int) throws -> TimelineDocument {
    var doc = try TimelineReportTests.document()
    let template = doc.events[0]
    doc.actors = (0..<lanes).map { "p\($0)" }
    doc.events = []
    for d in 0..<dates {
      let date = try #require(PartialDate(String(format: "2021-03-%02d", d + 1)))
      for lane in 0..<lanes {
        for _ in 0..<perCell {
          var event = template
          event.date = date
          event.actors = ["p\(lane)"]
          event.affects = []
          doc.events.append(event)
        }
      }
    }
    return doc
  }

  static func marks(_ svg: String) -> Int { svg.components(separatedBy: "<a href=\"#e").count - 1 }

  static func width(_ svg: String) throws -> Double {
    let range = try #require(svg.range(of: #"width="[0-9.]+""#, options: .regularExpression))
    return try #require(Double(svg[range].dropFirst(7).dropLast()))
  }

  @Test func aLargeChartDrawsOneMarkPerLanePerDate() throws {
    let (lanes, dates, perCell) = (20, 15, 5)
    let doc = try Self.generated(lanes: lanes, dates: dates, perCell: perCell)
    #expect(doc.events.count == lanes * dates * perCell)
    let chart = TimelineChart()
    #expect(chart.drawsCells(doc))
    let svg = chart.svg(doc)
    #expect(Self.marks(svg) == lanes * dates, "one mark per lane per date, not per event")
    #expect(svg.contains(">×\(perCell)</text>"))
    #expect(svg.contains("<title>p3 · 2021-03-02: 5 events (rows 116, 117, 118, 119, 120)</title>"))
    #expect(try TimelineReportTests.xmlProblems(svg) == nil)
    // Twice the events in the same cells: the same number of marks.
    let doubled = try Self.generated(lanes: lanes, dates: dates, perCell: 2 * perCell)
    #expect(Self.marks(chart.svg(doubled)) == lanes * dates)
  }

  @Test func aSmallChartStillNumbersEveryEvent() throws {
    let doc = try Self.generated(lanes: 4, dates: 5, perCell: 2)
    #expect(!TimelineChart().drawsCells(doc))
    #expect(Self.marks(TimelineChart().svg(doc)) == 40)
  }

  @Test func theHTMLCaptionSaysWhatAMarkStandsFor() throws {
    let big = try Self.generated(lanes: 20, dates: 15, perCell: 5)
    let html = String(decoding: try #require(TimelineReport(document: big).render(formats: ["html"]).first).contents, as: UTF8.self)
    #expect(html.contains("each mark stands for one lane&#39;s events on one date"))
    let small = try TimelineReportTests.render("html")
    #expect(small.contains("each mark is numbered as in the table below"))
  }

  @Test func aShortSpanFillsTheWidth() throws {
    let doc = try Self.generated(lanes: 3, dates: 4, perCell: 1)
    let svg = TimelineChart().svg(doc)
    // Four dates a day apart: at the natural spacing they would take 250 px of a 1300 px chart.
    #expect(try Self.width(svg) >= 1_250)
    let lastDate = try #require(svg.range(of: "2021-03-04</text>"))
    let tick = svg[..<lastDate.lowerBound].components(separatedBy: "x=\"").last?.prefix { $0 != "\"" }
    #expect(try #require(tick.flatMap { Double($0) }) > 1_100, "the last date sits near the right edge")
  }

  /// 1,200 platforms with two derived changes each on one date: 2,400 rows unfolded, past
  /// `TimelineFolding.maxRows`.
  static func long() -> TimelineDocument {
    var doc = TimelineFoldingTests.document(moved: 1, counterparties: 2)
    let base = doc.events
    doc.events = []
    doc.actors = (0..<1_200).map { "chat\($0)" }
    for p in 0..<1_200 {
      for var event in base {
        event.actors = ["chat\(p)"]
        doc.events.append(event)
      }
    }
    return doc
  }

  @Test func aLongTableFoldsEveryRun() throws {
    let events = Self.long().events
    #expect(events.count == 2_400)
    #expect(TimelineFolding.fold(events).count == 2_400)
    let readable = TimelineFolding.readable(events)
    #expect(readable.threshold == 2)
    #expect(readable.events.count == 1_200)
    #expect(readable.events.allSatisfy { $0.fold?.events == 2 })
    // A short table keeps the usual threshold.
    #expect(TimelineFolding.readable(Array(events.prefix(40))).threshold == TimelineFolding.threshold)
  }

  @Test func aLongTableListsEachLanesRowsAndSummarisesTheDiagramPerDate() throws {
    let markdown = try TimelineFoldingTests.render(Self.long(), "markdown")
    #expect(TimelineFoldingTests.tableRows(markdown).count == 1_200)
    #expect(markdown.contains("1200 runs of at least 2 derived changes"))
    #expect(markdown.contains("## Rows by lane"))
    #expect(markdown.contains("\n- **chat5**: 6\n"))
    let blocks = TimelineReportTests.mermaidBlocks(markdown)
    #expect(blocks.count == 1)
    #expect(blocks.allSatisfy { MermaidTimelineGrammar.problems($0) == [] })
    #expect(blocks.first?.contains("2021-11-29 : 2400 events in 1200 lanes, rows 1–1200 of the table") == true)
    let html = try TimelineFoldingTests.render(Self.long(), "html")
    #expect(html.contains("<li><strong>chat5</strong>: <a href=\"#e6\">6</a></li>"))
    // A short table has neither.
    let short = try TimelineReportTests.render("markdown")
    #expect(!short.contains("## Rows by lane"))
  }
}
