import AuditCore
import AuditReports
import Foundation
import Testing

/// Runs of derived changes fold for people (`TimelineFolding`): one row per run of at least
/// `threshold` changes of one platform on one date, every event still in `timeline.json`.
@Suite struct TimelineFoldingTests {
  static let rules = """
    kind: rules
    pack: t
    scales:
      link_access: [blocked, copy_out, interstitial, direct]
    obligations:
      - id: T-PRIVATE
        title: private chats open links
        severity: high
        per: counterparty
        require: {path: "links.inbound.{counterparty}.private_chat", at_least: interstitial, scale: link_access}
    """

  /// A messenger's version: `levels[k]` is counterparty `c0k`'s private-chat level.
  static func version(_ platform: String, _ date: String, levels: [String], wallet: String) -> String {
    var text = """
      kind: platform
      id: \(platform)
      categories: [instant-messaging]
      as_of: \(date)
      capabilities:
        payments: {checkout: {alipay: \(wallet)}}
        links:
          inbound:

      """
    for (k, level) in levels.enumerated() {
      text += "      c\(String(format: "%02d", k)): {private_chat: \(level), group_chat: blocked}\n"
    }
    return text
  }

  /// Two versions of one messenger: `moved` counterparties go direct → interstitial, and the
  /// wallet moves too, so a run of `moved + 1` derived changes.
  static func document(moved: Int, counterparties: Int = 16) -> TimelineDocument {
    let before = Array(repeating: "direct", count: counterparties)
    let after = before.indices.map { $0 < moved ? "interstitial" : "direct" }
    let files = [("rules.yaml", rules),
      ("chat/v1.yaml", version("chat", "2021-09-16", levels: before, wallet: "applied")),
      ("chat/v2.yaml", version("chat", "2021-11-29", levels: after, wallet: "accepted"))]
    return TimelineBuilder.build(Workspace.load(files: files.map { SourceFile.parse(Array($0.1.utf8), path: $0.0) }))
  }

  static func render(_ document: TimelineDocument, _ format: String) throws -> String {
    let files = try TimelineReport(document: document).render(formats: [format])
    return String(decoding: try #require(files.first).contents, as: UTF8.self)
  }

  static func tableRows(_ markdown: String) -> [String] {
    markdown.split(separator: "\n").map(String.init).filter { $0.hasPrefix("| ") && $0.first(where: \.isNumber) != nil
      && $0.dropFirst(2).first?.isNumber == true }
  }

  @Test func aRunOfDerivedChangesFoldsIntoOneRow() throws {
    let document = Self.document(moved: 12)
    #expect(document.events.count == 13)
    let shown = TimelineFolding.fold(document.events)
    let fold = try #require(shown.first?.fold)
    #expect(shown.count == 1)
    #expect([fold.events, fold.counterparties, fold.moreKinds] as [Int] == [13, 12, 0])
    #expect(fold.lines.map { "\($0.count) \($0.path) \($0.before) → \($0.after) \($0.names)" } == [
      "12 links.inbound.{counterparty}.private_chat direct → interstitial [\"c00\", \"c01\", \"c02\"]",
      "1 payments.checkout.alipay applied → accepted []",
    ])
    let markdown = try Self.render(document, "markdown")
    let rows = Self.tableRows(markdown)
    #expect(rows.count == 1, "\(rows)")
    #expect(rows.first?.contains("13 changes since 2021-09-16, concerning 12 counterparties<br>"
      + "12 counterparties (c00, c01, c02 and 9 more): links.inbound.\\{counterparty\\}.private\\_chat direct → interstitial"
      + "<br>payments.checkout.alipay applied → accepted") == true, "\(rows)")
    #expect(markdown.contains("1 run of at least \(TimelineFolding.threshold) derived changes"))
    // The JSON keeps every event in full.
    let json = try JSONDecoder().decode(TimelineDocument.self, from: Data(try Self.render(document, "json").utf8))
    #expect(json.events.count == 13)
    #expect(json.events.allSatisfy { $0.change != nil })
  }

  @Test func aRunUnderTheThresholdRendersRowByRow() throws {
    let document = Self.document(moved: TimelineFolding.threshold - 2)
    #expect(document.events.count == TimelineFolding.threshold - 1)
    #expect(TimelineFolding.fold(document.events) == document.events)
    let markdown = try Self.render(document, "markdown")
    #expect(Self.tableRows(markdown).count == TimelineFolding.threshold - 1)
    #expect(!markdown.contains("counterparties (") && !markdown.contains("derived changes of one platform"))
  }

  @Test func kindsBeyondTheLimitAreCounted() throws {
    // Every counterparty moves to its own level pattern: more kinds of change than lines.
    let levels = ["blocked", "copy_out", "interstitial"]
    let before = Array(repeating: "direct", count: 12)
    let files = [("rules.yaml", Self.rules),
      ("chat/v1.yaml", Self.version("chat", "2021-09-16", levels: before, wallet: "applied")),
      ("chat/v2.yaml", Self.version("chat", "2021-11-29", levels: before.indices.map { levels[$0 % 3] }, wallet: "accepted"))]
    let document = TimelineBuilder.build(Workspace.load(files: files.map { SourceFile.parse(Array($0.1.utf8), path: $0.0) }))
    let fold = try #require(TimelineFolding.fold(document.events).first?.fold)
    #expect(fold.lines.count == TimelineFolding.maxLines)
    #expect(fold.moreKinds == 4 - TimelineFolding.maxLines)
    #expect(try Self.render(document, "markdown").contains("and 1 more kind of change"))
  }

  /// `platforms` messengers × `versions` weekly versions × 40 counterparties, a third of whose
  /// private-chat levels move at each version: what a corpus of many counterparties looks like.
  static func world(platforms: Int, versions: Int) -> TimelineDocument {
    let levels = ["blocked", "copy_out", "interstitial", "direct"]
    var files = [("rules.yaml", rules)]
    for p in 0..<platforms {
      for v in 0..<versions {
        let date = Day(year: 2021, month: 1, day: 4)?.adding(days: 7 * v).description ?? ""
        let row = (0..<40).map { k in levels[k % 3 == v % 3 ? (p + v) % 4 : (p + k) % 4] }
        files.append(("p\(p)/v\(v).yaml", version("p\(p)", date, levels: row, wallet: ["applied", "accepted"][v % 2])))
      }
    }
    return TimelineBuilder.build(Workspace.load(files: files.map { SourceFile.parse(Array($0.1.utf8), path: $0.0) }))
  }

  @Test func theReportsOfAManyCounterpartyWorldStayBoundedAndTheJSONKeepsEveryEvent() throws {
    let document = Self.world(platforms: 30, versions: 12)
    let pairs = document.summary.versionPairs
    #expect(pairs == 30 * 11)
    #expect(document.events.count > 10 * pairs)
    let markdown = try Self.render(document, "markdown")
    let html = try Self.render(document, "html")
    // A row per version pair, of a few hundred bytes, whatever the counterparties.
    #expect(Self.tableRows(markdown).count == pairs)
    #expect(markdown.utf8.count < 1_200 * pairs + 20_000, "\(markdown.utf8.count) bytes")
    #expect(html.utf8.count < 2_500 * pairs + 60_000, "\(html.utf8.count) bytes")
    for block in TimelineReportTests.mermaidBlocks(markdown) { #expect(MermaidTimelineGrammar.problems(block) == []) }
    let json = try JSONDecoder().decode(TimelineDocument.self, from: Data(try Self.render(document, "json").utf8))
    #expect(json.events.count == document.events.count)
  }
}
