import AuditCore
import Testing

/// Duties that start relative to a date each manifest records (`{within: P6M, of: PATH}`).
@Suite struct StartDateTests {
  static let obligation = """
      - id: PHASED
        title: phased duty counted from each platform's designation
        severity: high
        effective: {within: P6M, of: dma.designated_on}
        phases:
          - from: {within: P6M, of: dma.designated_on}
            label: one-to-one
            require: {path: one, equals: true}
          - from: {within: P2Y, of: dma.designated_on}
            label: groups
            require: {path: groups, equals: true}
    """

  static func scenario(_ platforms: [(String, String)]) -> Scenario {
    Scenario([Scenario.rules(obligation)] + platforms)
  }

  @Test func periodsParseAndAddLikeTheLaw() throws {
    #expect(Period("P6M") == Period(months: 6))
    #expect(Period("P1Y6M2D") == Period(years: 1, months: 6, days: 2))
    #expect(Period("P") == nil)
    #expect(Period("6M") == nil)
    #expect(Period("P6M1Y") == nil)
    #expect(Period("P1.5Y") == nil)
    let designation = try #require(Day("2023-09-06"))
    #expect(StartDate.binds(after: designation, within: Period(months: 6)).description == "2024-03-07")
    #expect(StartDate.binds(after: designation, within: Period(years: 2)).description == "2025-09-07")
    // A date the target month lacks ends the period on that month's last day.
    let endOfAugust = try #require(Day("2023-08-31"))
    #expect(Period(months: 6).added(to: endOfAugust).description == "2024-02-29")
  }

  @Test func eachPlatformCountsFromItsOwnDesignation() throws {
    let scenario = Self.scenario([
      Scenario.platform("early", capabilities: "{dma: {designated_on: 2023-09-06}, one: true, groups: false}"),
      Scenario.platform("late", capabilities: "{dma: {designated_on: 2024-05-13}, one: true, groups: false}"),
    ])
    #expect(try scenario.statuses("PHASED", asOf: "2024-03-06") == ["early: not_applicable", "late: not_applicable"])
    #expect(try scenario.statuses("PHASED", asOf: "2024-03-07") == ["early: pass", "late: not_applicable"])
    #expect(try scenario.statuses("PHASED", asOf: "2025-09-06") == ["early: pass", "late: pass"])
    #expect(try scenario.statuses("PHASED", asOf: "2025-09-07") == ["early: fail", "late: pass"])
    #expect(try scenario.statuses("PHASED", asOf: "2026-05-14") == ["early: fail", "late: fail"])
  }

  @Test func upcomingNamesThePlatformsOwnNextPhase() throws {
    let scenario = Self.scenario([
      Scenario.platform("late", capabilities: "{dma: {designated_on: 2024-05-13}, one: true, groups: false}"),
    ])
    let result = try #require(try scenario.evaluate(asOf: "2025-01-01").results.first)
    #expect(result.status == .pass)
    #expect(result.upcoming?.date.description == "2026-05-14")
    #expect(result.upcoming?.label == "groups")
    #expect(result.upcoming?.status == .fail)
    let before = try #require(try scenario.evaluate(asOf: "2024-06-01").results.first)
    #expect(before.status == .notApplicable)
    #expect(before.reason.contains("2024-11-14"))
    #expect(before.upcoming?.date.description == "2024-11-14")
  }

  @Test func anUnrecordedDateIsUnknownAndAWrongOneAnError() throws {
    let scenario = Self.scenario([
      Scenario.platform("absent", capabilities: "{one: true, groups: true}"),
      Scenario.platform("blank", capabilities: "{dma: {designated_on: ~}, one: true}"),
      Scenario.platform("wrong", capabilities: "{dma: {designated_on: soon}, one: true}"),
    ])
    #expect(try scenario.statuses("PHASED", asOf: "2030-01-01") == ["absent: unknown", "blank: unknown", "wrong: error"])
    let absent = try #require(try scenario.evaluate(asOf: "2030-01-01").results.first { $0.platform == "absent" })
    #expect(absent.reason.contains("dma.designated_on is not recorded"))
  }

  @Test func decoderReportsBadRelativeDatesWithHints() {
    let problems = Fixtures.problems("""
      kind: rules
      pack: test
      obligations:
        - id: BAD
          title: bad
          severity: low
          effective: {within: 6 months, of: dma.designated_on}
          phases:
            - from: {within: P2Y, off: dma.designated_on}
              require: {path: a, equals: true}
            - from: 2025-01-01
              require: {path: a, equals: true}
      """)
    #expect(problems.contains { $0.contains("'within' must be an ISO 8601 period") && $0.contains("P6M") })
    #expect(problems.contains { $0.contains("unknown key 'off'") && $0.contains("'of'") })
  }

  @Test func mixedPhaseStartsAreRejected() {
    let problems = Fixtures.problems("""
      kind: rules
      pack: test
      obligations:
        - id: MIXED
          title: mixed
          severity: low
          phases:
            - from: 2025-01-01
              require: {path: a, equals: true}
            - from: {within: P2Y, of: dma.designated_on}
              require: {path: a, equals: true}
      """)
    #expect(problems.contains { $0.contains("phases mix a fixed date") })
  }

  @Test func explainAndSchemaDescribeRelativeStarts() throws {
    let workspace = Self.scenario([]).workspace
    let obligation = try #require(workspace.packs.first?.obligations.first)
    let text = Explanation.text(obligation)
    #expect(text.contains("effective:  the day after P6M from dma.designated_on"))
    #expect(text.contains("from the day after P2Y from dma.designated_on (groups)"))
    #expect(text.contains("computed per platform"))
    let schema = FileSchema.schema(for: .rules).rendered()
    #expect(schema.contains("RelativeStart"))
  }

  @Test func examplesDefaultToTheLastMilestoneOfTheirOwnManifest() throws {
    let workspace = Fixtures.workspace("""
      kind: rules
      pack: test
      obligations:
        - id: EX
          title: example dates
          severity: low
          phases:
            - from: {within: P6M, of: d}
              require: {path: a, equals: true}
            - from: {within: P2Y, of: d}
              require: {path: b, equals: true}
          examples:
            - status: fail
              manifest: {capabilities: {d: 2024-05-13, a: true, b: false}}
      """)
    let example = try #require(workspace.packs.first?.obligations.first?.examples.first)
    #expect(example.asOf.description == "2026-05-14")
  }
}
