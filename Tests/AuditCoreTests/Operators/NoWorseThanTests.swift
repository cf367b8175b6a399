import Foundation
import Testing

@testable import AuditCore

/// `no_worse_than`, through the engine with entities, against DESIGN.md "Comparing treatments":
/// own value unknown → unknown; off the scale (either side) → error; a known better reference →
/// fail; a reference unknown → unknown; no affiliates → not_applicable; else pass.
@Suite struct NoWorseThanTests {
  static let duty = """
      - id: ND
        title: rivals no worse than affiliates
        severity: high
        per: counterparty
        require: {path: 'in.{counterparty}', no_worse_than: affiliates, scale: link_access}
      - id: GROUP
        title: douyin in groups no worse than articles
        severity: high
        require: {path: group.douyin, no_worse_than: {path: group.articles}, scale: link_access}
    """

  /// Tencent controls wechat and invests in jd (17 %) and pdd; alibaba controls taobao.
  static let entities = """
    kind: entities
    entities:
      - id: tencent
        name: 腾讯 Tencent
        holds:
          - {platform: wechat, relation: controls, from: 2011-01, source: https://example.org/wechat}
          - {platform: jd, relation: invests, share: 0.17, from: 2014-03, source: https://example.org/jd}
          - {platform: pdd, relation: invests, from: 2016, source: https://example.org/pdd}
      - id: alibaba
        holds:
          - {platform: taobao, relation: controls, source: https://example.org/taobao}
    """

  /// The status of ND for wechat → taobao, with wechat's `in:` map as given.
  func status(_ wechat: String, entities: String = Self.entities, asOf: String = "2021-12-02") throws -> Result {
    let scenario = Scenario([
      Scenario.rules(Self.duty),
      ("e/entities.yaml", entities),
      Scenario.platform("wechat", capabilities: "{in: \(wechat)}"),
      Scenario.platform("taobao", capabilities: "{}"),
      Scenario.platform("jd", capabilities: "{}"),
      Scenario.platform("pdd", capabilities: "{}"),
    ])
    let results = try scenario.evaluate(asOf: asOf).results
    return try #require(results.first { $0.obligation == "ND" && $0.platform == "wechat" && $0.counterparty == "taobao" })
  }

  static let table: [(String, Status)] = [
    // The counterparty's own value unknown comes first, whatever the affiliates hold.
    ("{jd: direct, pdd: open}", .unknown),
    ("{taobao: ~, jd: direct}", .unknown),
    // Off the scale on either side.
    ("{taobao: open, jd: direct, pdd: direct}", .error),
    ("{taobao: blocked, jd: open, pdd: direct}", .error),
    // A known better reference fails even when another is unknown.
    ("{taobao: copy_token, jd: direct}", .fail),
    ("{taobao: copy_token, pdd: interstitial}", .fail),
    // Via the "*" fallback too.
    ("{taobao: copy_token, '*': direct}", .fail),
    // Nothing better, but a reference unknown.
    ("{taobao: direct, jd: direct}", .unknown),
    ("{taobao: interstitial, jd: interstitial, pdd: ~}", .unknown),
    // Equal or better than the best affiliate.
    ("{taobao: direct, jd: direct, pdd: interstitial}", .pass),
    ("{taobao: interstitial, '*': interstitial}", .pass),
  ]

  @Test(arguments: Self.table)
  func statusOrder(wechat: String, expected: Status) throws {
    #expect(try status(wechat).status == expected, "\(wechat)")
  }

  @Test func noAffiliatesIsNotApplicableWithTheReason() throws {
    let alone = """
      kind: entities
      entities:
        - id: tencent
          holds: [{platform: wechat, relation: controls, source: https://example.org/w}]
      """
    let result = try status("{taobao: blocked, jd: direct}", entities: alone)
    #expect(result.status == .notApplicable)
    #expect(result.reason.contains("wechat has no affiliates on this date"), "\(result.reason)")
    // No controller at all: no affiliates either.
    let none = try status("{taobao: blocked, jd: direct}", entities: "kind: entities\nentities: []")
    #expect(none.status == .notApplicable)
  }

  @Test func ownUnknownBeatsNoAffiliates() throws {
    let none = try status("{jd: direct}", entities: "kind: entities\nentities: []")
    #expect(none.status == .unknown)
  }

  @Test func failNamesTheBestTreatedAffiliateBothValuesRelationAndSource() throws {
    let result = try status("{taobao: copy_token, jd: interstitial, pdd: direct}")
    #expect(result.status == .fail)
    #expect(result.reason == "wechat treats taobao worse than its affiliate pdd (tencent has a stake, https://example.org/pdd): in.taobao is 'copy_token' (m/wechat-2021-11-29.yaml:6:29) but in.pdd is 'direct' (m/wechat-2021-11-29.yaml:6:64), on link_access")
    // The decisive compared value is in the checks, with the relation; the others are not.
    let compared = result.checks.dropFirst().map { "\($0.path)=\($0.found ?? "-") \($0.relation?.relation.rawValue ?? "-") \($0.relation?.share ?? "-")" }
    #expect(compared == ["in.pdd=direct invests -"])
    #expect(result.checks.dropFirst().allSatisfy { $0.status == .notApplicable })
    let jd = try status("{taobao: copy_token, jd: direct}")
    #expect(jd.reason.contains("its affiliate jd (tencent holds 17 %, https://example.org/jd)"), "\(jd.reason)")
  }

  @Test func anUnknownAffiliateIsNamed() throws {
    let result = try status("{taobao: direct, jd: direct}")
    #expect(result.status == .unknown)
    #expect(result.reason == "cannot compare: how it treats its affiliate pdd is not known: in.pdd is not in the manifest")
    #expect(result.checks.dropFirst().map(\.path) == ["in.pdd", "in.jd"])
  }

  @Test func theCounterpartyIsNeverItsOwnReference() throws {
    let scenario = Scenario([
      Scenario.rules(Self.duty), ("e/entities.yaml", Self.entities),
      Scenario.platform("wechat", capabilities: "{in: {jd: copy_token, pdd: direct}}"),
      Scenario.platform("jd", capabilities: "{}"),
      Scenario.platform("pdd", capabilities: "{}"),
    ])
    let results = try scenario.evaluate(asOf: "2021-12-02").results.filter { $0.obligation == "ND" && $0.platform == "wechat" }
    #expect(results.map { "\($0.counterparty ?? "-"): \($0.status.rawValue)" } == ["jd: fail", "pdd: pass"])
  }

  @Test func pathToPathComparison() throws {
    func group(_ caps: String) throws -> Status {
      let scenario = Scenario([Scenario.rules(Self.duty), Scenario.platform("wechat", capabilities: caps)])
      let results = try scenario.evaluate(asOf: "2021-12-02").results
      return try #require(results.first { $0.obligation == "GROUP" }).status
    }
    #expect(try group("{group: {douyin: blocked, articles: direct}}") == .fail)
    #expect(try group("{group: {douyin: direct, articles: direct}}") == .pass)
    #expect(try group("{group: {douyin: direct, articles: interstitial}}") == .pass)
    #expect(try group("{group: {articles: direct}}") == .unknown)
    #expect(try group("{group: {douyin: blocked}}") == .unknown)
    #expect(try group("{group: {douyin: blocked, articles: open}}") == .error)
    #expect(try group("{group: {douyin: open, articles: direct}}") == .error)
  }

  @Test func argumentProblemsAreReportedWhereTheyAre() {
    let bad = Fixtures.problems("""
      kind: rules
      pack: t
      scales: {s: [a, b]}
      obligations:
        - {id: A, title: t, severity: low, per: counterparty, require: {path: 'x.{counterparty}', no_worse_than: afiliates, scale: s}}
        - {id: B, title: t, severity: low, require: {path: x.y, no_worse_than: affiliates, scale: s}}
        - {id: C, title: t, severity: low, require: {path: x.y, no_worse_than: {path: x.z}}}
        - {id: D, title: t, severity: low, require: {path: x.y, no_worse_than: {pth: x.z}, scale: s}}
      """)
    #expect(bad.contains { $0.hasPrefix("test.yaml:5:108: error: 'no_worse_than' takes 'affiliates' or {path: P}, found 'afiliates' — did you mean 'affiliates'?") }, "\(bad)")
    #expect(bad.contains { $0.hasPrefix("test.yaml:6:74: error: 'no_worse_than: affiliates' compares counterparties") }, "\(bad)")
    #expect(bad.contains { $0.contains("'no_worse_than' needs 'scale:'") }, "\(bad)")
    #expect(bad.contains { $0.contains("unknown key 'pth'") && $0.contains("did you mean 'path'?") }, "\(bad)")
  }

  @Test func explainAndSchemaAskTheOperator() throws {
    let page = try #require(Explanation.operatorText("no_worse_than"))
    #expect(page.contains("with affiliates [jd] → fail"))
    #expect(page.contains("takes also: scale"))
    let workspace = Fixtures.workspace([Scenario.rules(Self.duty)])
    let group = try #require(workspace.obligations.first { $0.id == "GROUP" })
    // Wrapped continuation lines are indented under their value; read the words across them.
    let text = Explanation.text(group).replacingOccurrences(of: "\n +", with: " ", options: .regularExpression)
    #expect(text.contains("group.douyin no worse than group.articles, on link_access"))
    #expect(text.contains("group.douyin: compares on link_access (blocked < copy_token < interstitial < direct); also reads group.articles"))
    let nd = try #require(workspace.obligations.first { $0.id == "ND" })
    #expect(Explanation.text(nd).replacingOccurrences(of: "\n +", with: " ", options: .regularExpression).contains("also reads in.{counterparty} for each affiliate of the platform (entities)"))
    let schema = FileSchema.schema(for: .rules).rendered()
    #expect(schema.contains("\"no_worse_than\""))
    #expect(schema.contains("\"const\":\"affiliates\"") || schema.contains("\"const\": \"affiliates\""))
  }

  @Test func timelineScalesComeFromTheOperator() throws {
    let workspace = Fixtures.workspace([Scenario.rules(Self.duty)])
    let index = ScaleIndex(packs: workspace.packs)
    #expect(index.match(["group", "articles"], platform: "wechat")?.scale.name == "link_access")
    #expect(index.match(["group", "douyin"], platform: "wechat")?.scale.name == "link_access")
    #expect(index.match(["in", "taobao"], platform: "wechat")?.counterparty == "taobao")
  }
}
