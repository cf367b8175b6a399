import Foundation
import Testing

@testable import AuditCore

/// Typed decoding of the four kinds: every problem, with its exact place and wording.
@Suite struct WorkspaceTests {
  private let manifest = """
    kind: platform
    id: wechat
    name: NO
    version: 1.10
    categories: [instant-messaging]
    as_of: 2021-11-29
    capabilities:
      links: {inbound: {"*": {private_chat: direct}}}

    """

  @Test func aValidManifestDecodesWithStringsKeptAsWritten() throws {
    let workspace = Fixtures.workspace(manifest)
    #expect(workspace.diagnostics.isEmpty)
    let m = try #require(workspace.manifests.first)
    #expect(m.id == "wechat")
    #expect(m.name == "NO")
    #expect(m.version == "1.10")
    #expect(m.asOf.description == "2021-11-29")
    #expect(workspace.inputs.map(\.kinds) == [[.platform]])
  }

  @Test func everyProblemInAFileIsReportedNotOnlyTheFirst() {
    let problems = Fixtures.problems("""
      kind: platform
      id: WeChat_1
      as_of: 2021-02-30
      categories: instant-messaging
      capabilites: {}
      evidence:
        - {path: links, method: tested}

      """)
    #expect(problems == [
      "test.yaml:2:5: error: 'id' must match [a-z0-9-]+ (lowercase letters, digits, hyphens), found 'WeChat_1'",
      "test.yaml:3:8: error: 'as_of' must be a date written YYYY-MM-DD, found '2021-02-30'",
      "test.yaml:4:13: error: 'categories' must be a list, found 'instant-messaging' — write [instant-messaging]",
      "test.yaml:5:1: error: unknown key 'capabilites' in a platform manifest — did you mean 'capabilities'?",
      "test.yaml:7:5: error: missing required key 'source' in an evidence entry",
      "test.yaml:7:27: error: 'method' must be one of: test, announcement, report, filing; found 'tested' — did you mean 'test'?",
    ])
  }

  @Test func missingAndUnknownKindsAreExplained() {
    #expect(Fixtures.problems("id: x\n") == [
      "test.yaml:1:1: error: missing 'kind' — add kind: platform, rules, waivers, timeline or entities as the first line"
    ])
    #expect(Fixtures.problems("kind: manifest\n") == [
      "test.yaml:1:7: error: 'kind' must be one of: platform, rules, waivers, timeline, entities; found 'manifest'"
    ])
    #expect(Fixtures.problems("- kind: platform\n") == [
      "test.yaml:1:1: error: expected a mapping with 'kind:', found a list"
    ])
  }

  @Test func booleansAreOnlyTrueOrFalse() {
    let problems = Fixtures.problems("""
      kind: rules
      pack: p
      obligations:
        - id: X
          title: t
          severity: low
          require: {path: a, exists: yes}

      """)
    #expect(problems == [
      "test.yaml:7:32: error: 'exists' must be true or false, found 'yes' — YAML 1.2 reads 'yes' as a string; write true or false"
    ])
  }

  @Test func ruleProblemsAreReportedWithSuggestions() {
    let problems = Fixtures.problems("""
      kind: rules
      pack: p
      scales:
        access: [blocked, direct]
      obligations:
        - id: A
          title: t
          severity: hihg
          require: {path: a, at_leest: direct}
        - id: B
          title: t
          severity: low
          require: {path: a, at_least: open, scale: access}
        - id: C
          title: t
          severity: low
          require: {path: a, at_least: direct, scale: acess}
        - id: D
          title: t
          severity: low
          require: {path: 'a.{counterparty}', exists: true}
        - id: E
          title: t
          severity: low
          per: counterparty
          require: {reciprocal: {path: 'a.{counterparty}', scale: access}}
        - id: F
          title: t
          severity: low
          require: {alll: []}
        - id: G
          severity: low
          requires: {path: a, exists: true}

      """)
    #expect(problems == [
      "test.yaml:8:15: error: 'severity' must be one of: low, medium, high, critical; found 'hihg' — did you mean 'high'?",
      "test.yaml:9:24: error: unknown key 'at_leest' in a predicate — did you mean 'at_least'?",
      "test.yaml:13:34: error: 'open' is not a level of scale 'access' — expected one of: blocked, direct",
      "test.yaml:17:49: error: unknown scale 'acess' — did you mean 'access'?",
      "test.yaml:18:5: error: a path uses {counterparty} or 'reciprocal', but the obligation is per: platform — set per: counterparty (one result per other platform) or per: pair",
      "test.yaml:22:5: error: 'reciprocal' needs per: pair — add per: pair to the obligation",
      "test.yaml:30:15: error: unknown key 'alll' in a predicate — did you mean 'all'?",
      "test.yaml:31:5: error: an obligation needs 'require' (a predicate) or 'phases'",
      "test.yaml:31:5: error: missing required key 'title' in an obligation",
      "test.yaml:33:5: error: unknown key 'requires' in an obligation — did you mean 'require'?",
    ])
  }

  @Test func packsMergeAcrossFilesAndShareScales() throws {
    let workspace = Fixtures.workspace([
      ("a.yaml", "kind: rules\npack: p\nscales: {s: [lo, hi]}\n"),
      ("b.yaml", "kind: rules\npack: p\nobligations:\n  - {id: X, title: t, severity: low, require: {path: v, at_least: hi, scale: s}}\n"),
    ])
    #expect(workspace.diagnostics.isEmpty)
    #expect(workspace.packs.map(\.id) == ["p"])
    #expect(workspace.packs.first?.files == ["a.yaml", "b.yaml"])
    #expect(workspace.obligations.map(\.id) == ["X"])
  }

  @Test func crossFileDuplicatesAndDanglingWaiversAreFound() {
    let workspace = Fixtures.workspace([
      ("a.yaml", "kind: platform\nid: x\nas_of: 2021-01-01\n"),
      ("b.yaml", "kind: platform\nid: x\nas_of: 2021-01-01\n"),
      ("r.yaml", "kind: rules\npack: p\nobligations:\n  - {id: LINK, title: t, severity: low, require: {path: v, exists: true}}\n"),
      ("w.yaml", "kind: waivers\nwaivers:\n  - {obligation: LNK, platform: y, reason: r, expires: 2022-01-01}\n  - {obligation: LINK, platform: x, reason: r}\n"),
    ])
    #expect(workspace.diagnostics.map(\.description) == [
      "b.yaml:1:1: error: platform 'x' already has a version as of 2021-01-01 (a.yaml:1:1) — give each version its own as_of date",
      "w.yaml:3:5: error: waiver names unknown obligation 'LNK' — did you mean 'LINK'?",
      "w.yaml:3:5: warning[W104]: waiver names platform 'y', which no manifest declares",
      "w.yaml:4:5: error: a waiver needs 'expires' — waivers are time-bounded; after the date the check's own result returns",
      "w.yaml:4:5: error: missing required key 'expires' in a waiver",
    ])
  }

  @Test func timelineEventsTakePartialDatesAndNeedSources() throws {
    let workspace = Fixtures.workspace("""
      kind: timeline
      id: t
      title: chronology
      events:
        - {date: 2018, type: block, actors: [wechat], title: a, source: s}
        - {date: 2018-04, type: block, actors: [wechat], title: b, source: s}
        - {date: 2018-13, type: block, actors: [WeChat], title: c, source: s}
        - {date: 2019-01-02, type: blocked, actors: [wechat], title: d}

      """)
    #expect(workspace.diagnostics.map(\.description) == [
      "test.yaml:7:12: error: 'date' must be YYYY, YYYY-MM or YYYY-MM-DD, found '2018-13'",
      "test.yaml:7:43: error: 'actors' ids must match [a-z0-9-]+ (lowercase letters, digits, hyphens), found 'WeChat'",
      "test.yaml:8:5: error: an event needs 'source' — name the article, filing or announcement it comes from",
      "test.yaml:8:30: error: 'type' must be one of: block, unblock, policy, regulation, lawsuit, request, statement, change; found 'blocked' — did you mean 'block'?",
    ])
    #expect(workspace.timelines.isEmpty)
  }

  @Test func evidenceThatPointsNowhereIsAWarning() {
    let problems = Fixtures.problems("""
      kind: platform
      id: x
      as_of: 2021-01-01
      capabilities: {links: {a: 1}}
      evidence:
        - {path: links.b, source: s}

      """)
    #expect(problems == [
      "test.yaml:6:12: warning[W101]: evidence path 'links.b' names nothing in 'capabilities' — check the spelling; evidence attaches to results by path"
    ])
  }
}

/// Cross-file and rule-level problems come in the same pass as per-file ones, so a user does not
/// fix a first round of errors only to meet a second.
@Suite struct OnePassTests {
  @Test func everyProblemIsReportedTogether() {
    let problems = Fixtures.workspace([
      ("a.yaml", """
        kind: rules
        pack: a
        obligations:
          - {id: DUP, title: t, severity: low, require: {path: a, exists: true}}
          - {id: REC, title: t, severity: low, require: {reciprocal: {path: 'x.{counterparty}', scale: s}}}

        """),
      ("b.yaml", """
        kind: rules
        pack: b
        obligations:
          - {id: DUP, title: t, severity: lowx, require: {path: a, exists: true}}

        """),
      ("w.yaml", "kind: waivers\nwaivers:\n  - {obligation: REC, platform: m, reason: r, expires: 2022-01-01}\n"),
    ]).diagnostics.map(\.description)
    #expect(problems.contains("a.yaml:5:5: error: 'reciprocal' needs per: pair — add per: pair to the obligation"), "\(problems)")
    #expect(problems.contains { $0.hasPrefix("a.yaml:5:") && $0.contains("unknown scale 's' — the pack declares no scales") }, "\(problems)")
    // DUP in b.yaml does not decode (bad severity), and is still a duplicate.
    #expect(problems.contains("b.yaml:4:5: error: obligation 'DUP' is declared twice (first at a.yaml:4:5)"), "\(problems)")
    #expect(problems.contains { $0.hasPrefix("b.yaml:4:") && $0.contains("'lowx'") }, "\(problems)")
    // REC did not decode either, but it is declared: the waiver names a real obligation.
    #expect(!problems.contains { $0.contains("unknown obligation") }, "\(problems)")
  }
}
