import AuditCore
import AuditReports
import Foundation
import Testing

/// Groups in reports: platforms ordered and banded by controlling company (companies in id
/// order, platforms without one last, each keeping its order), affiliated cells marked, and a
/// failed comparison with an affiliate told as a sentence.
@Suite struct GroupReportTests {
  let model: ReportModel

  init() throws { model = ReportModel(try ReportFixtures.document()) }

  @Test func complianceRowsAreBandedByControllingCompany() throws {
    let matrix = try #require(model.compliance.first)
    #expect(matrix.rows.map(\.platform.id) == ["chat-a", "shop-d", "chat-c", "shop-b", "shop-e"])
    #expect(matrix.rows.map { $0.band ?? "" } == [
      "甲集团 | <b>Group</b> Group A", "丁集团", "No controlling company recorded", "", "",
    ])
    #expect(model.platforms.map(\.id) == ["chat-a", "shop-d", "chat-c", "shop-b", "shop-e"])
  }

  @Test func aStakeEndingOnTheAsOfDayIsNoLongerAnAffiliate() throws {
    let document = try ReportFixtures.document()
    let chatA = try #require(document.platforms.first { $0.id == "chat-a" })
    #expect(chatA.group?.id == "grp-a")
    #expect(chatA.affiliates?.map(\.platform) == ["shop-b"])
    // shop-d's stake ended on 2024-06-01, the as-of date: it is a rival, so it is checked.
    let counterparties = document.results.filter { $0.obligation == "FX-NONDISCRIM" && $0.platform == "chat-a" }
      .compactMap(\.counterparty)
    #expect(counterparties == ["chat-c", "shop-d", "shop-e"])
  }

  @Test func interconnectionMarksAffiliatedCells() throws {
    let matrix = try #require(model.interconnections.first { $0.id == "links-private" })
    let marked = matrix.rows.flatMap { row in row.cells.filter { $0.affiliation != nil }.map { "\($0.platform)→\($0.counterparty)" } }
    #expect(marked == ["chat-a→shop-b"])
    #expect(matrix.hasAffiliates)
  }

  @Test func discriminationReadsAsASentence() throws {
    let group = try #require(model.findings.first { $0.id == "FX-NONDISCRIM" })
    let fail = try #require(group.findings.first { $0.result.status == .fail })
    #expect(fail.discrimination == "<script>alert(\"name\")</script> 微信|A Chat\nA gives 商店 B Shop B 'direct' (甲集团 | <b>Group</b> holds 18.5 %, https://example.org/grp-a-shop-b) but gives 聊天 C 'blocked' (links.inbound.{counterparty}.private_chat)")
    #expect(group.findings.filter { $0.discrimination != nil }.count == 1)
  }

  @Test func withoutEntitiesThereAreNoBands() throws {
    let workspace = Workspace.load(files: try ReportFixtures.files().filter { $0.path != "entities.yaml" })
    let evaluation = Engine(packs: workspace.packs, asOf: ReportFixtures.asOf, entities: workspace.entities)
      .evaluate(manifests: workspace.manifests)
    let plain = ReportModel(ResultsDocument(workspace: workspace, evaluation: evaluation))
    let matrix = try #require(plain.compliance.first)
    #expect(matrix.rows.allSatisfy { $0.band == nil })
    #expect(matrix.rows.map(\.platform.id) == ["chat-a", "chat-c", "shop-b", "shop-d", "shop-e"])
  }
}
