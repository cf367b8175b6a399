import AuditCore
import AuditReports
import Foundation
import Testing

/// The report model of the fixture set: matrices, findings, upcoming duties, waivers.
@Suite struct ReportModelTests {
  let model: ReportModel

  init() throws { model = ReportModel(try ReportFixtures.document()) }

  @Test func complianceCellsTakeTheWorstOverCounterparties() throws {
    let matrix = try #require(model.compliance.first)
    let row = try #require(matrix.rows.first { $0.platform.id == "chat-a" })
    let cell = try #require(row.cells.first { $0.obligation == "FX-LINK-PRIVATE" })
    #expect(cell.status == .unknown)
    #expect(cell.label == "? unknown (2 of 4)")
    let error = try #require(matrix.rows.first { $0.platform.id == "chat-c" }?.cells.first { $0.obligation == "FX-LINK-PRIVATE" })
    #expect(error.label == "‼ error (1 of 4)")
    #expect(matrix.totals.total == model.summary.results)
  }

  @Test func aCapOnFindingsListsTheWorstAndSaysHowManyMoreThereAre() throws {
    let document = try ReportFixtures.document()
    let capped = ReportModel(document, findingLimit: 1)
    #expect(capped.findings.map(\.id) == model.findings.map(\.id))
    for (all, few) in zip(model.findings, capped.findings) {
      #expect(few.total == all.total)
      #expect(few.findings.map(\.anchor) == Array(all.findings.prefix(1)).map(\.anchor))
      #expect(few.counts == all.counts)
      #expect(few.omitted == max(0, all.findings.count - 1))
      #expect(few.folds.count <= 1)
    }
    let markdown = try #require(try ReportFormats.render([MarkdownReport.self],
      ReportContext(document: document, findingsPerObligation: 1)).first?.contents)
    let group = try #require(model.findings.first { $0.findings.count > 1 })
    #expect(String(decoding: markdown, as: UTF8.self).contains(
      "\(group.findings.count - 1) more of the \(group.findings.count) are not listed here"))
  }

  @Test func everyColumnTotalAddsUp() throws {
    for matrix in model.compliance {
      var sum = StatusCounts()
      for column in matrix.columns { sum.add(column.totals) }
      #expect(sum == matrix.totals)
    }
  }

  @Test func findingsAreGroupedWorstFirst() {
    let statuses = model.findings.map(\.worst)
    #expect(statuses == statuses.sorted())
    #expect(model.findings.first?.worst == .error)
    let all = model.findings.flatMap(\.findings)
    #expect(all.count == model.summary.byStatus.fail + model.summary.byStatus.error)
    let folded = model.findings.flatMap(\.folds).reduce(0) { $0 + $1.count }
    #expect(folded == model.summary.byStatus.unknown)
    #expect(Set(all.map(\.anchor)).count == all.count)
  }

  @Test func upcomingSaysWhatWouldHappen() throws {
    let phased = try #require(model.upcoming.first { $0.result.obligation == "FX-PHASED" && $0.result.platform == "chat-a" })
    #expect(phased.sentence == "due 2025-09-06: would fail")
    #expect(model.upcoming.map(\.upcoming.date) == model.upcoming.map(\.upcoming.date).sorted())
  }

  /// However many duties come due, a report keeps per obligation the `--findings` due first,
  /// whatever order the results came in, and says how many more there are.
  @Test func aCapOnFindingsListsTheDutiesDueFirstAndCountsTheRest() throws {
    var document = try ReportFixtures.document()
    let template = try #require(document.results.first { $0.obligation == "FX-PHASED" && $0.upcoming != nil })
    let dates = ["2027-03-01", "2026-01-05", "2028-07-07", "2026-01-05", "2027-01-01"]
    let extra = dates.enumerated().map { i, date -> Result in
      var result = template
      result.platform = "platform-\(4 - i)"
      result.upcoming = Upcoming(date: Day(date)!, label: "phase", status: .fail)
      return result
    }
    document.results = document.results.filter { $0.obligation != "FX-PHASED" || $0.upcoming == nil } + extra
    let others = document.results.filter { $0.upcoming != nil && $0.obligation != "FX-PHASED" }.count
    let capped = ReportModel(document, findingLimit: 2)
    let phased = capped.upcoming.filter { $0.result.obligation == "FX-PHASED" }
    #expect(phased.map { "\($0.upcoming.date) \($0.result.platform)" } == ["2026-01-05 platform-1", "2026-01-05 platform-3"])
    let all = ReportModel(document)
    #expect(all.upcoming.count == others + 5)
    #expect(all.upcomingOmitted == 0)
    #expect(capped.upcomingOmitted == all.upcoming.count - capped.upcoming.count)
    #expect(capped.upcomingOmitted >= 3)
    let context = ReportContext(document: document, findingsPerObligation: 2)
    let markdown = String(decoding: try #require(try ReportFormats.render([MarkdownReport.self], context).first?.contents), as: UTF8.self)
    #expect(markdown.contains("\(capped.upcomingOmitted) more duties coming due are not listed here"))
  }

  @Test func waiversFallIntoBuckets() {
    #expect(model.waivers.expiring.map(\.obligation) == ["FX-LINK-PRIVATE"])
    #expect(model.waivers.expiring.first?.daysLeft == 19)
    #expect(model.waivers.inForce.map(\.obligation) == ["FX-PAY", "FX-PAY"])
    #expect(model.waivers.expired.map(\.obligation) == ["FX-PHASED"])
    #expect(model.waivers.unused.map(\.platform) == ["nobody"])
  }

  @Test func interconnectionsCarryReciprocityVerdicts() throws {
    let reciprocal = try #require(model.interconnections.first { $0.obligation == "FX-RECIPROCAL" })
    let pair = try #require(reciprocal.pairs.first)
    #expect(pair.verdict == .aOpensLess)
    #expect(pair.label == "≠ chat-a opens less")
    #expect(pair.aToB == "blocked" && pair.bToA == "granted")
    let links = try #require(model.interconnections.first { $0.id == "links-private" })
    let row = try #require(links.rows.first { $0.platform.id == "chat-c" })
    #expect(row.cells.map(\.tone) == ["off", "self", "mid"])
  }

  @Test func statusSymbolsAlwaysComeWithWords() {
    for status in Status.allCases {
      #expect(status.label == "\(status.symbol) \(status.word)")
      #expect(!status.word.isEmpty)
    }
    #expect(Set(Status.allCases.map(\.symbol)).count == Status.allCases.count)
  }
}
