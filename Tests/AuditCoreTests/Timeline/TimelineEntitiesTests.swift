import Testing

@testable import AuditCore

/// Timelines resolve actors through entities: a company and its platforms share a band, a
/// platform belongs to whoever controls it on the event's date, and `by: .entity` draws one
/// lane per company.
@Suite struct TimelineEntitiesTests {
  static let files: [(String, String)] = [
    ("e.yaml", """
      kind: entities
      entities:
        - id: tencent
          name: 腾讯 Tencent
          holds: [{platform: wechat, relation: controls, from: 2011-01, source: s}]
        - id: netease
          holds: [{platform: kaola, relation: controls, until: 2019-09, source: s}]
        - id: alibaba
          name: 阿里巴巴 Alibaba
          holds: [{platform: kaola, relation: controls, from: 2019-09, source: s}]
      """),
    ("t.yaml", """
      kind: timeline
      id: t
      title: t
      events:
        - {date: 2018-02, type: block, actors: [wechat], affects: [douyin], title: a, source: s}
        - {date: 2019-03, type: statement, actors: [douyin], title: b, source: s}
        - {date: 2019-05, type: policy, actors: [kaola], title: c, source: s}
        - {date: 2019-10, type: policy, actors: [kaola], title: d, source: s}
        - {date: 2021-02, type: lawsuit, actors: [tencent], affects: [douyin], title: e, source: s}
      """),
  ]

  func build(_ filter: TimelineDocument.Filter = .init(), by: TimelineDocument.Lanes = .actor) -> TimelineDocument {
    let workspace = Fixtures.workspace(Self.files)
    #expect(!workspace.diagnostics.hasErrors, "\(workspace.diagnostics)")
    return TimelineBuilder.build(workspace, filter: filter, by: by)
  }

  @Test func aCompanyAndItsPlatformsShareABand() {
    let document = build()
    #expect(document.actors == ["wechat", "tencent", "douyin", "kaola"])
    #expect(document.groups?.map { "\($0.id): \($0.actors)" } == ["tencent: [\"wechat\", \"tencent\"]", "netease: [\"kaola\"]"])
    #expect(document.band(of: "tencent")?.name == "腾讯 Tencent")
    #expect(document.band(of: "douyin") == nil)
  }

  @Test func aPlatformBelongsToItsControllerOnTheEventsDate() {
    let groups = build().events.map { "\($0.title): \($0.groups ?? [])" }
    #expect(groups == [
      "a: [\"tencent\"]", "b: [\"douyin\"]", "c: [\"netease\"]", "d: [\"alibaba\"]", "e: [\"tencent\"]",
    ])
  }

  @Test func byEntityDrawsOneLanePerCompany() {
    let document = build(by: .entity)
    #expect(document.by == .entity)
    #expect(document.actors == ["tencent", "douyin", "netease", "alibaba"])
    #expect(document.laneName("tencent") == "腾讯 Tencent")
    #expect(document.events.map { $0.lanes(by: .entity) } == [["tencent"], ["douyin"], ["netease"], ["alibaba"], ["tencent"]])
  }

  @Test func filteringByACompanyKeepsItsPlatformsEvents() {
    let document = build(.init(actors: ["tencent"]))
    #expect(document.events.map(\.title) == ["a", "e"])
  }

  @Test func withoutEntitiesNothingChanges() {
    let workspace = Fixtures.workspace([Self.files[1]])
    let document = TimelineBuilder.build(workspace, by: .entity)
    #expect(document.groups == nil && document.by == nil)
    #expect(document.events.allSatisfy { $0.groups == nil })
    #expect(document.actors == ["wechat", "douyin", "kaola", "tencent"])
  }
}
