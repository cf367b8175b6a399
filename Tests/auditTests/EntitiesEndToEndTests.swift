import Foundation
import Testing

/// `kind: entities` and `no_worse_than` through the binary: a small world of companies whose
/// stakes start and end on the as-of day, `"*"` fallbacks, an unknown affiliate and a
/// path-to-path comparison, evaluated by `audit run`; and `check`, `schema`, `explain` and
/// `timeline --by entity` on it.
@Suite struct EntitiesEndToEndTests {
  static let rules = """
    kind: rules
    pack: nd
    scales: {link: [blocked, copy_out, interstitial, direct]}
    obligations:
      - id: ND
        title: rivals no worse than affiliates
        severity: high
        per: counterparty
        counterparties: {relation: rival}
        require: {path: 'in.{counterparty}', no_worse_than: affiliates, scale: link}
        examples:
          - {status: fail, manifest: {capabilities: {in: {counterparty: blocked, jd: direct}}}, affiliates: [jd]}
          - {status: pass, manifest: {capabilities: {in: {counterparty: direct, jd: direct}}}, affiliates: [jd]}
      - id: GROUP
        title: douyin in groups no worse than articles
        severity: high
        applies_to: {categories: [im]}
        require: {path: group.douyin, no_worse_than: {path: group.articles}, scale: link}
        examples:
          - {status: fail, manifest: {capabilities: {group: {douyin: blocked, articles: direct}}}}
          - {status: pass, manifest: {capabilities: {group: {douyin: direct, articles: direct}}}}
    """

  static let entities = """
    kind: entities
    entities:
      - id: tencent
        name: 腾讯 Tencent
        holds:
          - {platform: wechat, relation: controls, from: 2011, source: https://example.org/w}
          - {platform: qq, relation: controls, from: 2011, source: https://example.org/q}
          - {platform: jd, relation: invests, share: 0.17, from: 2014-03, until: 2021-12-02, source: https://example.org/jd}
          - {platform: pdd, relation: invests, from: 2021-12-02, source: https://example.org/pdd}
      - id: alibaba
        holds:
          - {platform: taobao, relation: controls, source: https://example.org/t}
    """

  static func platform(_ id: String, _ caps: String, categories: String = "[im]") -> String {
    "kind: platform\nid: \(id)\ncategories: \(categories)\nas_of: 2021-11-29\ncapabilities: \(caps)\n"
  }

  func world() throws -> AuditBinary.Scratch {
    let dir = try AuditBinary.Scratch()
    let files = [
      "rules/nd.yaml": Self.rules,
      "m/entities.yaml": Self.entities,
      "m/wechat.yaml": Self.platform("wechat", "{in: {taobao: copy_out, jd: direct, qq: interstitial, '*': interstitial}, group: {douyin: blocked, articles: direct}}"),
      "m/qq.yaml": Self.platform("qq", "{in: {taobao: direct}, group: {douyin: direct, articles: direct}}"),
      "m/taobao.yaml": Self.platform("taobao", "{}", categories: "[shop]"),
      "m/jd.yaml": Self.platform("jd", "{}", categories: "[shop]"),
      "m/pdd.yaml": Self.platform("pdd", "{}", categories: "[shop]"),
    ]
    for (name, text) in files {
      let url = dir.url.appendingPathComponent(name)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
    return dir
  }

  /// "platform→counterparty: status" of one obligation in a run as of `date`.
  func statuses(_ obligation: String, asOf date: String, in dir: AuditBinary.Scratch) throws -> [String] {
    let run = try AuditBinary.run(["run", "m", "--rules", "rules", "--as-of", date, "--format", "json", "--output", "out", "--fail-on", "critical"], in: dir.url)
    #expect(run.status == 0, "\(run.stderr)")
    let data = try Data(contentsOf: dir.url.appendingPathComponent("out/results.json"))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let results = try #require(json["results"] as? [[String: Any]])
    return results.filter { $0["obligation"] as? String == obligation }.map {
      "\($0["platform"] as? String ?? "?")\(($0["counterparty"] as? String).map { "→\($0)" } ?? ""): \($0["status"] as? String ?? "?")"
    }
  }

  @Test func stakesStartingAndEndingOnTheAsOfDay() throws {
    let dir = try world()
    // 2021-12-01: jd is an affiliate (direct), so taobao (copy_out) and pdd (interstitial via "*") fail.
    let before = try statuses("ND", asOf: "2021-12-01", in: dir).filter { $0.hasPrefix("wechat") }
    #expect(before == ["wechat→pdd: fail", "wechat→taobao: fail"])
    // 2021-12-02: the jd stake has ended and pdd's has begun; pdd is read through "*"
    // (interstitial), qq is the best-treated affiliate (interstitial): taobao still fails, jd passes.
    let after = try statuses("ND", asOf: "2021-12-02", in: dir).filter { $0.hasPrefix("wechat") }
    #expect(after == ["wechat→jd: pass", "wechat→taobao: fail"])
    // qq's affiliate wechat is not in qq's manifest and qq has no "*": unknown, not a pass.
    let qq = try statuses("ND", asOf: "2021-12-02", in: dir).filter { $0.hasPrefix("qq") }
    #expect(qq == ["qq→jd: unknown", "qq→taobao: unknown"])
    // Platforms without a controller have no affiliates; their own value is unknown first.
    #expect(try statuses("ND", asOf: "2021-12-02", in: dir).contains("jd→taobao: unknown"))
    #expect(try statuses("GROUP", asOf: "2021-12-02", in: dir) == [
      "jd: not_applicable", "pdd: not_applicable", "qq: pass", "taobao: not_applicable", "wechat: fail",
    ])
  }

  @Test func checkTestSchemaExplainAndTimeline() throws {
    let dir = try world()
    let check = try AuditBinary.run(["check", "m", "rules"], in: dir.url)
    #expect(check.status == 0, "\(check.stderr)")
    #expect(check.stderr.contains("2 entities"), "\(check.stderr)")
    let test = try AuditBinary.run(["test", "rules", "--strict"], in: dir.url)
    #expect(test.status == 0, "\(test.stderr)")
    let schema = try AuditBinary.run(["schema", "entities"], in: dir.url)
    #expect(schema.status == 0)
    #expect(schema.stdout.contains("\"holds\""))
    let explain = try AuditBinary.run(["explain", "no_worse_than"], in: dir.url)
    #expect(explain.status == 0)
    #expect(explain.stdout.hasPrefix("no_worse_than — "))
    let timeline = try AuditBinary.run(["timeline", "m", "--rules", "rules", "--by", "entity", "--format", "json", "--output", "tl"], in: dir.url)
    #expect(timeline.status == 0, "\(timeline.stderr)")
  }

  @Test func twoControllersAtOnceStopsTheRun() throws {
    let dir = try world()
    try Data("kind: entities\nentities:\n  - id: other\n    holds: [{platform: wechat, relation: controls, from: 2020, source: s}]\n".utf8)
      .write(to: dir.url.appendingPathComponent("m/other.yaml"))
    let run = try AuditBinary.run(["check", "m", "rules"], in: dir.url)
    #expect(run.status == 2)
    #expect(run.stderr.contains("m/other.yaml:4:13: error: platform 'wechat' would be controlled by 'tencent' and 'other' at once"), "\(run.stderr)")
  }
}
