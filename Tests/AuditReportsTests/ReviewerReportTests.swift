import AuditCore
import AuditReports
import Foundation
import Testing

/// What a reviewer sees first (issue 22): what fails, with unknowns folded by cause, n/a kept
/// quiet, matrices that leave out what has nothing to show, and reports of bounded size.
@Suite struct ReviewerReportTests {
  /// A messenger that treats `shops` counterparties through its `"*"` entry (`wildcard`), with
  /// `shop-1` recorded on its own (`first`), a shop duty, and a duty that applies to no one.
  static func document(shops: Int, wildcard: String, first: String = "blocked") -> ResultsDocument {
    let rules = """
      kind: rules
      pack: review
      title: 审阅
      title_en: Review
      scales:
        link_access: [blocked, copy_out, interstitial, direct]
      obligations:
        - id: RV-GROUP
          title: 群聊外链
          title_en: Links open in group chats
          severity: medium
          applies_to: {categories: [instant-messaging]}
          per: counterparty
          require: {path: "links.inbound.{counterparty}.group_chat", at_least: interstitial, scale: link_access}
        - id: RV-PAY
          title: 支付
          title_en: Checkout accepts WeChat Pay
          severity: low
          applies_to: {categories: [shop]}
          require: {path: payments.accepts, contains: wechat_pay}
        - id: RV-NOBODY
          title: 无人适用
          title_en: Applies to nobody
          severity: low
          applies_to: {categories: [search-engine]}
          require: {path: search.open, equals: true}
      """
    var files = [SourceFile.parse(Array(rules.utf8), path: "rules.yaml")]
    let chat = """
      kind: platform
      id: chat
      name: 聊天
      name_en: Chat
      categories: [instant-messaging]
      as_of: 2024-01-01
      capabilities:
        links:
          inbound:
            "*": {group_chat: \(wildcard)}
            shop-1: {group_chat: \(first)}
      """
    files.append(SourceFile.parse(Array(chat.utf8), path: "chat.yaml"))
    for n in 1...shops {
      let shop = """
        kind: platform
        id: shop-\(n)
        categories: [shop]
        as_of: 2024-01-01
        capabilities:
          payments:
            accepts: [\(n == 1 ? "alipay" : "wechat_pay")]
        """
      files.append(SourceFile.parse(Array(shop.utf8), path: "shop-\(n).yaml"))
    }
    let workspace = Workspace.load(files: files)
    let asOf = Day(year: 2024, month: 6, day: 1) ?? .epoch
    let evaluation = Engine(packs: workspace.packs, asOf: asOf, entities: workspace.entities)
      .evaluate(manifests: workspace.manifests, waivers: workspace.waivers)
    return ResultsDocument(workspace: workspace, evaluation: evaluation)
  }

  static func markdown(_ document: ResultsDocument, limit: Int? = nil, language: ReportLanguage = .en) throws -> String {
    let files = try ReportFormats.render([MarkdownReport.self],
      ReportContext(document: document, findingsPerObligation: limit, language: language))
    return String(decoding: try #require(files.first).contents, as: UTF8.self)
  }

  static func html(_ document: ResultsDocument, limit: Int? = nil) throws -> String {
    let files = try ReportFormats.render([HTMLReport.self], ReportContext(document: document, findingsPerObligation: limit))
    return String(decoding: try #require(files.first).contents, as: UTF8.self)
  }

  @Test func unknownsOfOneCauseFoldIntoOneLinePerPlatformAndFailsStayOnePerRow() throws {
    let model = ReportModel(Self.document(shops: 12, wildcard: "null"))
    let group = try #require(model.findings.first { $0.id == "RV-GROUP" })
    #expect(group.counts.fail == 1)
    #expect(group.counts.unknown == 11)
    #expect(group.findings.map(\.result.counterparty) == ["shop-1"])
    #expect(group.folds.count == 1)
    let fold = try #require(group.folds.first)
    #expect(fold.platform.id == "chat")
    #expect(fold.count == 11)
    #expect(fold.cause == "links.inbound.*.group_chat recorded as unknown")
    let markdown = try Self.markdown(Self.document(shops: 12, wildcard: "null"))
    #expect(markdown.contains("- 聊天 Chat — 11 counterparties: links.inbound.\\*.group\\_chat recorded as unknown"))
  }

  @Test func theFirstScreenSaysWhatFailsAndWhereItIsExplained() throws {
    let document = Self.document(shops: 3, wildcard: "direct")
    let markdown = try Self.markdown(document)
    let summary = try #require(markdown.range(of: "### What fails"))
    let compliance = try #require(markdown.range(of: "## Compliance matrices"))
    #expect(summary.upperBound < compliance.lowerBound)
    let lines = markdown[summary.upperBound..<compliance.lowerBound].split(separator: "\n").filter { $0.hasPrefix("- ") }
    #expect(lines.count == 2)
    #expect(lines.contains { $0.contains("[✘ RV-GROUP](#o-RV-GROUP)") && $0.contains("**聊天 Chat**") })
    #expect(lines.contains { $0.contains("RV-PAY") && $0.contains("**shop-1**") })
    let html = try Self.html(document)
    let header = try #require(html.range(of: "</header>"))
    #expect(html[..<header.lowerBound].contains("href=\"#f-RV-GROUP--chat--shop-1\""))
    let chinese = try Self.markdown(document, language: .zh)
    #expect(chinese.contains("### 不合规项"))
  }

  @Test func aMatrixLeavesOutObligationsAndPlatformsWithNothingButNotApplicable() throws {
    let markdown = try Self.markdown(Self.document(shops: 3, wildcard: "direct"))
    let header = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("| Platform |") && $0.contains("RV-GROUP") })
    #expect(header.contains("RV-PAY"))
    #expect(!header.contains("RV-NOBODY"))
    #expect(markdown.contains("1 obligation with no result other than n/a is left out: RV-NOBODY"))
    // n/a cells are a faint mark, not the word.
    let chatRow = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("| 聊天 Chat (chat) |") })
    #expect(chatRow.contains(" · |"))
    #expect(!chatRow.contains("n/a"))
  }

  @Test func aReportStaysBoundedWhateverTheNumberOfFails() throws {
    let document = Self.document(shops: 1_500, wildcard: "blocked")
    let markdown = try Self.markdown(document)
    let html = try Self.html(document)
    #expect(markdown.utf8.count < 1 << 20)
    #expect(html.utf8.count < 5 << 20)
    // Finding rows have six columns (the summary's "| ✘ fail | 1501 | …" has three).
    let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| ✘ fail |") && $0.split(separator: "|").count >= 6 }
    // 1,000 in all, and the first fail of the obligation after the budget ran out.
    #expect(rows.count == 1_001)
    #expect(rows.contains { $0.contains("| shop-1 |") && !$0.contains("| chat |") })
    #expect(markdown.contains("500 more of the 1500 are not listed here"))
    #expect(markdown.contains("[✘ RV-PAY](#o-RV-PAY)"))
  }

  @Test func namesAreNotDoubled() {
    #expect(ReportModel.joinedNames(["App Store", "Apple App Store"]) == "Apple App Store")
    #expect(ReportModel.joinedNames(["微信", "WeChat"]) == "微信 WeChat")
    #expect(ReportModel.joinedNames(["Messenger", "Facebook Messenger", nil]) == "Facebook Messenger")
    #expect(ReportModel.joinedNames([nil, ""]) == nil)
  }
}
