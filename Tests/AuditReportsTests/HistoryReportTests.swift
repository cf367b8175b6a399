@testable import AuditCore
import Foundation
import Testing

@testable import AuditReports

/// The history reports: changes folded and worded, and a chart bounded however many rows.
@Suite struct HistoryReportTests {
  static func day(_ text: String) -> Day { Day(text) ?? .epoch }

  /// A history of `platforms` platforms, each failing one obligation until 2024-09-27, then passing.
  static func history(platforms: Int, counterparties: [String?] = [nil]) -> History {
    let ids = (0..<platforms).map { String(format: "p%04d", $0) }
    let tracks = ids.flatMap { id in
      counterparties.map { counterparty in
        History.Track(obligation: "CN-PAY-WALLETS", pack: "cn", platform: id, counterparty: counterparty, segments: [
          History.Segment(from: day("2021-01-01"), until: day("2024-09-27"), status: .fail, reason: "r",
            path: "payments.checkout.wechat_pay", found: "not_accepted"),
          History.Segment(from: day("2024-09-27"), until: nil, status: .pass, reason: "r",
            path: "payments.checkout.wechat_pay", found: "accepted",
            evidence: Evidence(path: "payments.checkout.wechat_pay", source: "https://example.org/s",
              location: SourceLocation(file: "m.yaml", line: 1, column: 1))),
        ])
      }
    }
    return History(from: day("2021-01-01"), to: day("2026-12-01"), packs: ["cn"],
      obligations: [History.ObligationEntry(id: "CN-PAY-WALLETS", pack: "cn", title: "t", severity: .high, per: .platform)],
      platforms: ids.map { History.PlatformEntry(id: $0, versions: [day("2021-01-01")]) },
      changes: [], tracks: tracks, work: History.Work())
  }

  @Test func aChangeNamesTheValueBeforeAndAfterAndItsSource() throws {
    let files = try HistoryReport(history: Self.history(platforms: 1)).render(formats: ["markdown"])
    let markdown = String(decoding: try #require(files.first).contents, as: UTF8.self)
    #expect(markdown.contains("- 2024-09-27 CN-PAY-WALLETS ✘ → ✔: payments.checkout.wechat\\_pay not\\_accepted → accepted — [example.org](https://example.org/s)"))
  }

  @Test func theSameChangeAgainstManyCounterpartiesIsOneLine() throws {
    let history = Self.history(platforms: 1, counterparties: ["a", "b", "c", "d"])
    let files = try HistoryReport(history: history).render(formats: ["markdown"])
    let markdown = String(decoding: try #require(files.first).contents, as: UTF8.self)
    #expect(markdown.contains("CN-PAY-WALLETS → a, b, c, d ✘ → ✔: the same change against 4 counterparties"))
    #expect(!markdown.contains("→ b ✘"))
  }

  @Test func theChartDrawsOneRowPerObligationPastTheRowLimit() {
    let small = HistoryChart(history: Self.history(platforms: 3))
    #expect(!small.layout.aggregated)
    #expect(small.layout.groups.flatMap(\.rows).count == 3)
    let large = HistoryChart(history: Self.history(platforms: HistoryChart.detailRows + 1))
    #expect(large.layout.aggregated)
    #expect(large.layout.groups.flatMap(\.rows).count == 1)
    // Bounded: one row of two stretches, not one per platform.
    #expect(large.svg().count < 10_000)
  }
}
