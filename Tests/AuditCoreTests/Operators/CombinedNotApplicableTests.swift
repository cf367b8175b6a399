import Testing

@testable import AuditCore

/// `all` and `any` over parts that are all `not_applicable` (the shape of the shipped
/// CN-LINK-NONDISCRIM: three `no_worse_than: affiliates` leaves) are `not_applicable`, not a
/// silent `pass` (all) or a `fail` (any); one applicable part still decides.
@Suite struct CombinedNotApplicableTests {
  static let duties = """
      - id: ALL
        title: every channel no worse than affiliates
        severity: high
        per: counterparty
        require:
          all:
            - {path: 'chat.{counterparty}', no_worse_than: affiliates, scale: link_access}
            - {path: 'group.{counterparty}', no_worse_than: affiliates, scale: link_access}
      - id: ANY
        title: some channel no worse than affiliates
        severity: high
        per: counterparty
        require:
          any:
            - {path: 'chat.{counterparty}', no_worse_than: affiliates, scale: link_access}
            - {path: 'group.{counterparty}', no_worse_than: affiliates, scale: link_access}
    """

  /// wechat's statuses for ALL and ANY against taobao, with the given entities.
  func statuses(_ wechat: String, entities: String) throws -> [String: Status] {
    let scenario = Scenario([
      Scenario.rules(Self.duties),
      ("e/entities.yaml", entities),
      Scenario.platform("wechat", capabilities: wechat),
      Scenario.platform("taobao", capabilities: "{}"),
      Scenario.platform("jd", capabilities: "{}"),
    ])
    let results = try scenario.evaluate(asOf: "2021-12-02").results
      .filter { $0.platform == "wechat" && $0.counterparty == "taobao" }
    return Dictionary(uniqueKeysWithValues: results.map { ($0.obligation, $0.status) })
  }

  static let alone = """
    kind: entities
    entities:
      - id: tencent
        holds: [{platform: wechat, relation: controls, source: https://example.org/w}]
    """

  static let withJD = """
    kind: entities
    entities:
      - id: tencent
        holds:
          - {platform: wechat, relation: controls, source: https://example.org/w}
          - {platform: jd, relation: invests, share: 0.17, from: 2014-03, source: https://example.org/jd}
    """

  @Test func noAffiliatesLeavesBothCombinatorsNotApplicable() throws {
    let caps = "{chat: {taobao: copy_token, jd: direct}, group: {taobao: copy_token, jd: direct}}"
    #expect(try statuses(caps, entities: Self.alone) == ["ALL": .notApplicable, "ANY": .notApplicable])
  }

  @Test func withAnAffiliateTheComparisonDecides() throws {
    let worse = "{chat: {taobao: copy_token, jd: direct}, group: {taobao: direct, jd: direct}}"
    #expect(try statuses(worse, entities: Self.withJD) == ["ALL": .fail, "ANY": .pass])
    let same = "{chat: {taobao: direct, jd: direct}, group: {taobao: direct, jd: direct}}"
    #expect(try statuses(same, entities: Self.withJD) == ["ALL": .pass, "ANY": .pass])
  }

  @Test func theCombinatorsThemselves() {
    #expect(All.combine([.notApplicable, .notApplicable]) == .notApplicable)
    #expect(All.combine([.notApplicable, .pass]) == .pass)
    #expect(All.combine([.notApplicable, .fail]) == .fail)
    #expect(All.combine([]) == .pass)
    #expect(AnyOf.combine([.notApplicable, .notApplicable]) == .notApplicable)
    #expect(AnyOf.combine([.notApplicable, .fail]) == .fail)
    #expect(AnyOf.combine([.notApplicable, .pass]) == .pass)
  }
}
