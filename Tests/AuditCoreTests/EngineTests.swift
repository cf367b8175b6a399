import Foundation
import Testing

@testable import AuditCore

/// The engine: statuses, `per:` modes, `"*"` fallback, waivers, phases, look-ahead, combinators
/// and version selection, each on a small inline scenario.
@Suite struct EngineTests {
  private let linkDuty = """
      - id: LINK
        title: links open in private chats
        severity: high
        applies_to: {categories: [instant-messaging]}
        per: counterparty
        require: {path: 'links.{counterparty}.private', at_least: interstitial, scale: link_access}
    """

  @Test func eachStatusWithItsReasonAndLocation() throws {
    let scenario = Scenario([
      Scenario.rules("""
          - {id: P, title: t, severity: low, require: {path: a.b, at_least: interstitial, scale: link_access}}
        """),
      Scenario.platform("pass", capabilities: "{a: {b: direct}}"),
      Scenario.platform("fail", capabilities: "{a: {b: blocked}}"),
      Scenario.platform("missing", capabilities: "{a: {}}"),
      Scenario.platform("recorded-null", capabilities: "{a: {b: ~}}"),
      Scenario.platform("offscale", capabilities: "{a: {b: open}}"),
      Scenario.platform("scalar", capabilities: "{a: text}"),
    ])
    let results = try scenario.evaluate(asOf: "2021-12-01").results
    let lines = results.filter { $0.platform != "scalar" }.map { "\($0.platform): \($0.status.rawValue): \($0.reason) @ \($0.location.map(\.description) ?? "-")" }
    #expect(lines == [
      "fail: fail: a.b is 'blocked'; required: at least 'interstitial' on link_access @ m/fail-2021-11-29.yaml:6:23",
      "missing: unknown: a.b is not in the manifest; required: at least 'interstitial' on link_access @ m/missing-2021-11-29.yaml:6:19",
      "offscale: error: a.b cannot be judged: 'open' is not a level of scale 'link_access' (blocked, copy_token, interstitial, direct) @ m/offscale-2021-11-29.yaml:6:23",
      "pass: pass: a.b is 'direct' (at least 'interstitial' on link_access) @ m/pass-2021-11-29.yaml:6:23",
      "recorded-null: unknown: a.b is recorded as unknown; required: at least 'interstitial' on link_access @ m/recorded-null-2021-11-29.yaml:6:23",
    ])
    let scalar = try #require(results.first { $0.platform == "scalar" })
    #expect(scalar.status == .error)
    #expect(scalar.reason == "a.b cannot be judged: 'a' is 'text', so it has no key 'b'")
  }

  @Test func outOfScopePlatformsAreNotApplicableOnce() throws {
    let scenario = Scenario([
      Scenario.rules(linkDuty),
      Scenario.platform("wechat", capabilities: "{links: {'*': {private: direct}}}"),
      Scenario.platform("taobao", categories: "[e-commerce]", capabilities: "{}"),
    ])
    #expect(try scenario.statuses("LINK", asOf: "2021-12-01") == ["taobao: not_applicable", "wechat→taobao: pass"])
    let reason = try scenario.evaluate(asOf: "2021-12-01").results.first { $0.platform == "taobao" }?.reason
    #expect(reason == "out of scope: applies to categories [instant-messaging]")
  }

  @Test func counterpartyPathsFallBackToTheStarEntry() throws {
    let scenario = Scenario([
      Scenario.rules(linkDuty),
      Scenario.platform("wechat", capabilities: "{links: {taobao: {private: direct}, '*': {private: blocked}}}"),
      Scenario.platform("taobao", categories: "[instant-messaging]", capabilities: "{}"),
      Scenario.platform("douyin", categories: "[instant-messaging]", capabilities: "{links: {wechat: {}}}"),
    ])
    let results = try scenario.evaluate(asOf: "2021-12-01").results.filter { $0.platform == "wechat" }
    #expect(results.map { "\($0.counterparty ?? ""): \($0.status.rawValue): \($0.checks.map(\.path)) \($0.checks.map(\.wildcard))" } == [
      "douyin: fail: [\"links.*.private\"] [true]",
      "taobao: pass: [\"links.taobao.private\"] [false]",
    ])
    #expect(results[0].reason == "links.*.private is 'blocked' (from the '*' entry); required: at least 'interstitial' on link_access")
    // An entry for the counterparty without the key does not fall back per key.
    #expect(try scenario.statuses("LINK", asOf: "2021-12-01").contains("douyin→wechat: unknown"))
  }

  @Test func counterpartiesScopeLimitsWhoIsChecked() throws {
    let scenario = Scenario([
      Scenario.rules("""
          - id: SHOPS
            title: shop links open
            severity: high
            applies_to: {categories: [instant-messaging]}
            counterparties: {categories: [e-commerce]}
            per: counterparty
            require: {path: 'links.{counterparty}', equals: direct}
        """),
      Scenario.platform("wechat", capabilities: "{links: {'*': direct}}"),
      Scenario.platform("qq", capabilities: "{links: {'*': direct}}"),
      Scenario.platform("taobao", categories: "[e-commerce]", capabilities: "{}"),
    ])
    #expect(try scenario.statuses("SHOPS", asOf: "2021-12-01") == [
      "qq→taobao: pass", "taobao: not_applicable", "wechat→taobao: pass",
    ])
  }

  @Test func reciprocityFailsOnlyTheSideThatOpensLess() throws {
    let scenario = Scenario([
      Scenario.rules("""
          - id: RECIP
            title: reciprocal
            severity: medium
            per: pair
            require: {reciprocal: {path: 'links.{counterparty}', scale: link_access}}
        """),
      Scenario.platform("wechat", capabilities: "{links: {douyin: interstitial, taobao: direct}}"),
      Scenario.platform("douyin", capabilities: "{links: {wechat: direct}}"),
      Scenario.platform("taobao", capabilities: "{links: {wechat: direct}}"),
    ])
    let results = try scenario.evaluate(asOf: "2021-12-01").results
    #expect(results.map { "\($0.platform)→\($0.counterparty ?? ""): \($0.status.rawValue)" } == [
      "douyin→taobao: unknown", "douyin→wechat: pass", "taobao→douyin: unknown", "taobao→wechat: pass",
      "wechat→douyin: fail", "wechat→taobao: pass",
    ])
    let failing = try #require(results.first { $0.status == .fail })
    #expect(failing.reason == "wechat opens less to douyin than douyin opens to it ('interstitial' vs 'direct' on link_access); wechat is the side that falls short")
    #expect(failing.checks.map { "\($0.platform):\($0.path)=\($0.found ?? "-")" } == ["wechat:links.douyin=interstitial", "douyin:links.wechat=direct"])
    let matrix = try #require(try scenario.evaluate(asOf: "2021-12-01").matrices.first)
    #expect(matrix.pairs.map { "\($0.a)-\($0.b): \($0.verdict.rawValue)" } == [
      "douyin-taobao: unknown", "douyin-wechat: b_opens_less", "taobao-wechat: equal",
    ])
  }

  @Test func waiversApplyUntilTheyExpireAndSayWhenTheyDid() throws {
    let base: [(String, String)] = [
      Scenario.rules("""
          - {id: W, title: t, severity: high, require: {path: a, equals: yes}}
        """),
      Scenario.platform("wechat", capabilities: "{a: no}"),
      Scenario.platform("qq", capabilities: "{a: yes}"),
      ("w.yaml", """
        kind: waivers
        waivers:
          - {obligation: W, platform: wechat, reason: trial running, approved_by: review, expires: 2021-12-31}
          - {obligation: W, platform: qq, reason: not needed, expires: 2021-12-31}
          - {obligation: W, platform: nobody, reason: stale, expires: 2021-12-31}

        """),
    ]
    let onLastDay = try Scenario(base).evaluate(asOf: "2021-12-31")
    let wechat = try #require(onLastDay.results.first { $0.platform == "wechat" })
    #expect(wechat.status == .waived)
    #expect(wechat.waiver?.status == .fail)
    #expect(wechat.waiver?.reason == "trial running")
    #expect(onLastDay.results.first { $0.platform == "qq" }?.status == .pass)
    #expect(onLastDay.diagnostics.map(\.description) == [
      "w.yaml:5:5: warning[W106]: waiver for 'W' on 'nobody' matches no result — check the ids, or remove the waiver"
    ])
    #expect(onLastDay.waivers.map { "\($0.platform): \($0.state.rawValue) \($0.daysLeft) \($0.applied)/\($0.matched)" } == [
      "nobody: in_force 0 0/0", "qq: in_force 0 0/1", "wechat: in_force 0 1/1",
    ])
    let dayAfter = try Scenario(base).evaluate(asOf: "2022-01-01")
    let expired = try #require(dayAfter.results.first { $0.platform == "wechat" })
    #expect(expired.status == .fail)
    #expect(expired.waiver == nil)
    #expect(expired.expiredWaiver?.expires.description == "2021-12-31")
    #expect(expired.reason.hasSuffix("(waiver expired 2021-12-31)"))
  }

  @Test func errorsAreNotWaived() throws {
    let scenario = Scenario([
      Scenario.rules("  - {id: E, title: t, severity: low, require: {path: a, equals: true}}"),
      Scenario.platform("wechat", capabilities: "{a: maybe}"),
      ("w.yaml", "kind: waivers\nwaivers:\n  - {obligation: E, platform: wechat, reason: r, expires: 2030-01-01}\n"),
    ])
    #expect(try scenario.statuses("E", asOf: "2021-12-01") == ["wechat: error"])
  }

  private let phased = """
      - id: PHASED
        title: phased duty
        severity: high
        effective: 2024-03-07
        phases:
          - {from: 2024-03-07, label: one-to-one text, require: {path: text, equals: available}}
          - {from: 2027-09-06, label: calls, require: {path: calls, equals: available}}
    """

  @Test(arguments: [
    ("2024-03-06", "not_applicable", "2024-03-07 effective: pass"),
    ("2024-03-07", "pass", "2027-09-06 calls: fail"),
    ("2027-09-05", "pass", "2027-09-06 calls: fail"),
    ("2027-09-06", "fail", "none"),
  ])
  func phasesBiteOnTheirDatesAndAreAnnouncedBefore(date: String, status: String, upcoming: String) throws {
    let scenario = Scenario([
      Scenario.rules(phased),
      Scenario.platform("whatsapp", asOf: "2024-01-01", capabilities: "{text: available, calls: unavailable}"),
    ])
    let result = try #require(try scenario.evaluate(asOf: date).results.first)
    #expect(result.status.rawValue == status)
    #expect(result.upcoming.map { "\($0.date) \($0.label): \($0.status.rawValue)" } ?? "none" == upcoming)
  }

  @Test func notYetEffectiveSaysWhen() throws {
    let scenario = Scenario([
      Scenario.rules(phased),
      Scenario.platform("whatsapp", asOf: "2022-01-01", capabilities: "{}"),
    ])
    let result = try #require(try scenario.evaluate(asOf: "2023-01-01").results.first)
    #expect(result.reason == "not yet in force: effective from 2024-03-07")
    #expect(result.upcoming?.status == .unknown)
  }

  @Test(arguments: [("{c: yes}", "pass"), ("{c: no}", "not_applicable"), ("{}", "unknown")])
  func whenDecidesWhetherADutyApplies(capabilities: String, status: String) throws {
    let scenario = Scenario([
      Scenario.rules("""
          - {id: WHEN, title: t, severity: low, when: {path: c, equals: yes}, require: {path: v, exists: true}}
        """),
      Scenario.platform("x", capabilities: capabilities),
    ])
    #expect(try scenario.statuses("WHEN", asOf: "2021-12-01") == ["x: \(status == "pass" ? "fail" : status)"])
  }

  @Test func theLatestVersionOnOrBeforeTheDateIsUsed() throws {
    let scenario = Scenario([
      Scenario.rules("  - {id: V, title: t, severity: low, require: {path: v, equals: new}}"),
      Scenario.platform("wechat", asOf: "2021-09-16", capabilities: "{v: old}"),
      Scenario.platform("wechat", asOf: "2021-09-17", capabilities: "{v: mid}"),
      Scenario.platform("wechat", asOf: "2021-11-29", capabilities: "{v: new}"),
    ])
    #expect(try scenario.statuses("V", asOf: "2021-09-15").isEmpty)
    let found = { (date: String) in try scenario.evaluate(asOf: date).results.first?.checks.first?.found }
    #expect(try found("2021-09-16") == "old")
    #expect(try found("2021-09-17") == "mid")
    #expect(try found("2021-11-28") == "mid")
    #expect(try found("2021-11-29") == "new")
  }

  @Test func evidenceIsAttachedForPassesToo() throws {
    let scenario = Scenario([
      Scenario.rules("  - {id: EV, title: t, severity: low, require: {path: links.taobao, equals: direct}}"),
      Scenario.platform("wechat", capabilities: "{links: {taobao: direct, jd: direct}}", extra: """
        evidence:
          - {path: links.taobao, source: 'https://example.org/a', method: test}
          - {path: links.jd, source: 'https://example.org/b', method: test}
          - {path: links, source: 'https://example.org/c', method: report}
        """),
    ])
    let result = try #require(try scenario.evaluate(asOf: "2021-12-01").results.first)
    #expect(result.status == .pass)
    #expect(result.evidence.map(\.source) == ["https://example.org/a", "https://example.org/c"])
  }
}

/// `all`, `any` and `not` over every pair of statuses, against a table written from the documented combination rules (README: Predicates).
@Suite struct CombinatorTableTests {
  /// A leaf with a chosen status, on capabilities `{p: x, e: text}`.
  static let leaves: [String: String] = [
    "pass": "{path: p, equals: x}", "fail": "{path: p, equals: y}",
    "unknown": "{path: missing, equals: x}", "error": "{path: e, equals: true}",
  ]
  static let statuses = ["pass", "fail", "unknown", "error"]
  static let worst = ["error": 3, "fail": 2, "unknown": 1, "pass": 0]

  static func evaluate(_ predicate: String) throws -> String {
    let scenario = Scenario([
      Scenario.rules("  - {id: C, title: t, severity: low, require: \(predicate)}"),
      Scenario.platform("x", capabilities: "{p: x, e: text}"),
    ])
    return try scenario.evaluate(asOf: "2021-12-01").results.first?.status.rawValue ?? "none"
  }

  @Test(arguments: statuses, statuses)
  func allTakesTheWorst(a: String, b: String) throws {
    let expected = (Self.worst[a] ?? 0) >= (Self.worst[b] ?? 0) ? a : b
    #expect(try Self.evaluate("{all: [\(Self.leaves[a] ?? ""), \(Self.leaves[b] ?? "")]}") == expected)
  }

  @Test(arguments: statuses, statuses)
  func anyPassesIfOnePasses(a: String, b: String) throws {
    let parts = [a, b]
    let expected = parts.contains("pass") ? "pass" : parts.contains("error") ? "error"
      : parts.contains("unknown") ? "unknown" : "fail"
    #expect(try Self.evaluate("{any: [\(Self.leaves[a] ?? ""), \(Self.leaves[b] ?? "")]}") == expected)
  }

  @Test(arguments: statuses)
  func notSwapsPassAndFail(a: String) throws {
    let expected = ["pass": "fail", "fail": "pass", "unknown": "unknown", "error": "error"][a]
    #expect(try Self.evaluate("{not: \(Self.leaves[a] ?? "")}") == expected)
  }
}
