import Testing

@testable import AuditCore

/// `kind: entities`: decoding with locations, affiliation on a date (from inclusive, until
/// exclusive, partial dates as their first day), two controllers at once, and relation scope.
@Suite struct EntitiesTests {
  static let file = """
    kind: entities
    entities:
      - id: tencent
        name: 腾讯 Tencent
        holds:
          - {platform: wechat, relation: controls, from: 2011-01, source: https://example.org/w}
          - {platform: jd, relation: invests, share: 0.17, from: 2014-03, until: 2021-12-02, source: https://example.org/jd}
          - {platform: pdd, relation: invests, from: 2021-12-02, source: https://example.org/pdd}
          - {platform: qq, relation: controls, from: 2016, source: https://example.org/qq}
      - id: netease
        holds:
          - {platform: kaola, relation: controls, until: 2019-09, source: https://example.org/k1}
      - id: alibaba
        holds:
          - {platform: kaola, relation: controls, from: 2019-09, source: https://example.org/k2}
          - {platform: taobao, relation: controls, source: https://example.org/t}
    """

  func entities() throws -> Entities {
    let workspace = Fixtures.workspace(Self.file)
    #expect(workspace.diagnostics.isEmpty, "\(workspace.diagnostics)")
    return workspace.entities
  }

  func affiliates(_ platform: String, _ date: String) throws -> [String] {
    try entities().affiliates(of: platform, on: try #require(Day(date))).map(\.platform)
  }

  @Test func aStakeEndingOnTheAsOfDayNoLongerCounts() throws {
    #expect(try affiliates("wechat", "2021-12-01") == ["jd", "qq"])
    #expect(try affiliates("wechat", "2021-12-02") == ["pdd", "qq"])
  }

  @Test func partialDatesMeanTheirFirstDay() throws {
    #expect(try affiliates("wechat", "2014-02-28") == [])
    #expect(try affiliates("wechat", "2014-03-01") == ["jd"])
    #expect(try affiliates("wechat", "2015-12-31") == ["jd"])
    #expect(try affiliates("qq", "2016-01-01") == ["jd", "wechat"])
    // No controller before 2011-01: no affiliates.
    #expect(try affiliates("wechat", "2010-12-31") == [])
  }

  @Test func aPlatformChangingHandsHasOneControllerAtATime() throws {
    let entities = try entities()
    #expect(entities.controller(of: "kaola", on: try #require(Day("2019-08-31")))?.entity.id == "netease")
    #expect(entities.controller(of: "kaola", on: try #require(Day("2019-09-01")))?.entity.id == "alibaba")
    #expect(try affiliates("taobao", "2019-09-01") == ["kaola"])
    #expect(try affiliates("taobao", "2019-08-31") == [])
  }

  @Test func shareIsPrintedExactly() {
    #expect(Holding.percentText("0.17") == "17 %")
    #expect(Holding.percentText("0.185") == "18.5 %")
    #expect(Holding.percentText("1") == "100 %")
    #expect(Holding.percentText("0.0725") == "7.25 %")
  }

  @Test func twoControllersAtOnceIsAnError() {
    let problems = Fixtures.problems("""
      kind: entities
      entities:
        - id: tencent
          holds: [{platform: wechat, relation: controls, from: 2011, source: s}]
        - id: other
          holds: [{platform: wechat, relation: controls, from: 2020-05, until: 2021, source: s}]
      """)
    #expect(problems == [
      "test.yaml:6:13: error: platform 'wechat' would be controlled by 'tencent' and 'other' at once (other holding at test.yaml:4:13) — end one with 'until:' on or before the other's 'from:'",
    ])
  }

  @Test func decodingProblemsHaveLocationsAndSuggestions() {
    let problems = Fixtures.problems("""
      kind: entities
      entities:
        - id: tencent
          nme: x
          holds:
            - {platform: jd, relaton: invests, source: s}
            - {platform: jd, relation: owns, source: s}
            - {platform: jd, relation: invests, share: 17, source: s}
            - {platform: jd, relation: controls, share: 0.5, source: s}
            - {platform: jd, relation: invests, from: 2021-13, source: s}
            - {platform: jd, relation: invests, from: 2021, until: 2020}
      """)
    let expected = [
      "test.yaml:4:5: error: unknown key 'nme' in an entity — did you mean 'name'?",
      "test.yaml:6:24: error: unknown key 'relaton' in a holding — did you mean 'relation'?",
      "test.yaml:6:9: error: missing required key 'relation' in a holding",
      "test.yaml:7:34: error: 'relation' must be one of",
      "test.yaml:8:50: error: 'share' must be a fraction above 0 and at most 1, found '17'",
      "test.yaml:9:51: error: 'share' is for relation: invests",
      "test.yaml:10:49: error: 'from' must be YYYY, YYYY-MM or YYYY-MM-DD, found '2021-13'",
      "test.yaml:11:9: error: a holding needs 'source'",
      "test.yaml:11:62: error: 'until' (2020) must come after 'from' (2021)",
    ]
    for line in expected {
      #expect(problems.contains { $0.hasPrefix(line) }, "missing \(line) in \(problems)")
    }
  }

  @Test func unknownPlatformIsAWarningWithASuggestion() {
    let workspace = Fixtures.workspace([
      ("e.yaml", "kind: entities\nentities:\n  - id: alibaba\n    holds: [{platform: taobo, relation: controls, source: s}]\n"),
      Scenario.platform("taobao", capabilities: "{}"),
    ])
    #expect(workspace.diagnostics.map(\.description) == [
      "e.yaml:4:13: warning[W105]: entity 'alibaba' holds platform 'taobo', which no manifest declares — did you mean 'taobao'?",
    ])
    #expect(!workspace.diagnostics.hasErrors)
  }

  @Test func schemaDescribesEntities() {
    let schema = FileSchema.schema(for: .entities).rendered()
    for word in ["\"holds\"", "\"controls\"", "\"invests\"", "\"share\"", "\"until\""] {
      #expect(schema.contains(word), "\(word)")
    }
  }

  @Test func relationScopeSplitsRivalsFromAffiliates() throws {
    func counterparties(_ relation: String) throws -> [String] {
      let scenario = Scenario([
        Scenario.rules("""
            - id: R
              title: t
              severity: low
              per: counterparty
              counterparties: {relation: \(relation)}
              require: {path: 'in.{counterparty}', exists: true}
          """),
        ("e/entities.yaml", Self.file),
        Scenario.platform("wechat", capabilities: "{}"),
        Scenario.platform("jd", capabilities: "{}"),
        Scenario.platform("taobao", capabilities: "{}"),
        Scenario.platform("qq", capabilities: "{}"),
      ])
      return try scenario.evaluate(asOf: "2021-12-01").results.filter { $0.platform == "wechat" }.compactMap(\.counterparty)
    }
    #expect(try counterparties("rival") == ["taobao"])
    #expect(try counterparties("affiliate") == ["jd", "qq"])
  }
}
