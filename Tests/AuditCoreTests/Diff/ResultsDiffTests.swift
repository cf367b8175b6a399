import AuditCore
import Foundation
import Testing

@Suite struct ResultsDiffTests {
  static let here = AuditCore.SourceLocation(file: "w.yaml", line: 1, column: 1)

  static func result(_ status: Status, severity: Severity = .high, counterparty: String? = "shop", found: String? = nil) -> Result {
    var result = Result(obligation: "O-1", pack: "p", platform: "chat", counterparty: counterparty, status: status,
      severity: severity, reason: "r \(status.rawValue)", location: nil,
      checks: [Check(path: "links.inbound.shop.private_chat", platform: "chat", state: found == nil ? .missing : .value,
        found: found, required: "at least 'interstitial'", status: status, location: nil)])
    if status == .waived {
      let waiver = Waiver(obligation: "O-1", platform: "chat", reason: "trial", expires: Day("2022-06-30")!, location: here)
      result.waiver = WaiverRecord(waiver, status: .fail)
    }
    return result
  }

  /// Every transition between the six statuses: "before>after=class".
  static let transitions: [String] = [
    "pass>pass=unchanged", "pass>fail=regression", "pass>unknown=regression", "pass>error=regression",
    "pass>waived=regression", "pass>not_applicable=removed",
    "fail>pass=fix", "fail>fail=unchanged", "fail>unknown=fix", "fail>error=regression",
    "fail>waived=unchanged", "fail>not_applicable=removed",
    "unknown>pass=fix", "unknown>fail=regression", "unknown>unknown=unchanged", "unknown>error=regression",
    "unknown>waived=regression", "unknown>not_applicable=removed",
    "error>pass=fix", "error>fail=fix", "error>unknown=fix", "error>error=unchanged",
    "error>waived=fix", "error>not_applicable=removed",
    "waived>pass=fix", "waived>fail=unchanged", "waived>unknown=fix", "waived>error=regression",
    "waived>waived=unchanged", "waived>not_applicable=removed",
    "not_applicable>pass=new", "not_applicable>fail=new", "not_applicable>unknown=new",
    "not_applicable>error=new", "not_applicable>waived=new", "not_applicable>not_applicable=unchanged",
  ]

  @Test func everyTransitionIsListed() {
    let pairs = Set(Self.transitions.map { $0.split(separator: "=")[0] })
    #expect(pairs.count == Status.allCases.count * Status.allCases.count)
  }

  @Test(arguments: transitions)
  func transition(_ spec: String) throws {
    let parts = spec.split(whereSeparator: { $0 == ">" || $0 == "=" }).map(String.init)
    let before = try #require(Status(rawValue: parts[0]))
    let after = try #require(Status(rawValue: parts[1]))
    let expected = try #require(ResultsDiff.Change(rawValue: parts[2]))
    let entry = DiffEntry(before: Self.result(before), after: Self.result(after))
    #expect(entry.change == expected)
    // Only regressions gate, and not when a waiver accepted the newer result.
    #expect(entry.gates == (expected == .regression && after != .waived))
  }

  @Test func keysOnOneSideOnlyAreNewOrRemoved() {
    let entries = ResultsDiff.compare(
      old: [Self.result(.pass, counterparty: "shop"), Self.result(.fail, counterparty: "gone")],
      new: [Self.result(.pass, counterparty: "shop"), Self.result(.fail, counterparty: "video")])
    #expect(entries.map { "\($0.counterparty ?? "")=\($0.change.rawValue)" } == ["gone=removed", "shop=unchanged", "video=new"])
    #expect(entries.allSatisfy { !$0.gates })
    // Not applicable counts as no result: a new key that does not apply is no entry at all,
    // not an "unchanged" one, and neither is one not applicable on both sides (issue 22: the
    // shipped diff counted 74 such "unchanged" entries of 141).
    let outOfScope = ResultsDiff.compare(old: [], new: [Self.result(.notApplicable, counterparty: nil)])
    #expect(outOfScope.isEmpty)
    let stillOut = ResultsDiff.compare(old: [Self.result(.notApplicable, counterparty: nil)], new: [Self.result(.notApplicable, counterparty: nil)])
    #expect(stillOut.isEmpty)
    let mixed = ResultsDiff.compare(
      old: [Self.result(.notApplicable, counterparty: "a"), Self.result(.pass, counterparty: "b")],
      new: [Self.result(.notApplicable, counterparty: "a"), Self.result(.pass, counterparty: "b")])
    #expect(mixed.map { "\($0.counterparty ?? "")=\($0.change.rawValue)" } == ["b=unchanged"])
    let leftScope = ResultsDiff.compare(old: [Self.result(.fail, counterparty: nil)], new: [Self.result(.notApplicable, counterparty: nil)])
    #expect(leftScope.map(\.change) == [.removed])
  }

  @Test func worseSeveritiesComeFirst() {
    var low = Self.result(.fail, counterparty: "a")
    low.severity = .low
    var critical = Self.result(.fail, counterparty: "z")
    critical.severity = .critical
    let entries = ResultsDiff.compare(old: [], new: [low, critical])
    #expect(entries.map(\.counterparty) == ["z", "a"])
  }

  @Test func aStartedPhasePairsValuesByPath() {
    func check(_ path: String, _ found: String?) -> Check {
      Check(path: path, platform: "chat", state: found == nil ? .null : .value, found: found,
        required: "r", status: .pass, location: nil)
    }
    var before = Self.result(.pass, counterparty: nil)
    before.checks = [check("offer", "true"), check("one", "available")]
    var after = Self.result(.unknown, counterparty: nil)
    after.checks = [check("offer", "true"), check("one", "available"), check("groups", nil)]
    let entry = DiffEntry(before: before, after: after)
    #expect(entry.values.map { "\($0.path) \($0.before ?? "—") → \($0.after ?? "—")" } == [
      "offer true → true", "one available → available", "groups — → ~",
    ])
  }

  @Test func entriesCarryValuesBeforeAndAfterAndNotes() {
    let fixed = DiffEntry(before: Self.result(.fail, found: "blocked"), after: Self.result(.pass, found: "direct"))
    #expect(fixed.values.map { "\($0.platform) \($0.path) \($0.before ?? "") → \($0.after ?? "")" } == [
      "chat links.inbound.shop.private_chat blocked → direct",
    ])
    #expect(fixed.note == nil)
    let waived = DiffEntry(before: Self.result(.fail), after: Self.result(.waived))
    #expect(waived.note == "now waived: trial")
    #expect(waived.values.first?.before == "(none)")
    let applies = DiffEntry(before: Self.result(.notApplicable), after: Self.result(.fail))
    #expect(applies.note == "the duty did not apply before: r not_applicable")
  }

  @Test(arguments: [
    (FailThreshold.low, Int32(1)), (FailThreshold.high, Int32(1)), (FailThreshold.critical, Int32(0)),
    (FailThreshold.none, Int32(0)),
  ])
  func exitCodesFollowTheThreshold(failOn: FailThreshold, code: Int32) {
    let entries = [DiffEntry(before: Self.result(.pass), after: Self.result(.fail, severity: .high))]
    #expect(ExitStatus.forDiff(entries: entries, diagnostics: [], failOn: failOn) == code)
  }

  @Test func exitCodesForErrorsFixesAndWaivedRegressions() {
    let fix = [DiffEntry(before: Self.result(.fail), after: Self.result(.pass))]
    #expect(ExitStatus.forDiff(entries: fix, diagnostics: [], failOn: .low) == 0)
    let waived = [DiffEntry(before: Self.result(.pass), after: Self.result(.waived))]
    #expect(ExitStatus.forDiff(entries: waived, diagnostics: [], failOn: .low) == 0)
    let broken = [DiffEntry(before: Self.result(.error), after: Self.result(.error))]
    #expect(ExitStatus.forDiff(entries: broken, diagnostics: [], failOn: FailThreshold.none) == 2)
    let unreadable = [Diagnostic(.error, file: "x.yaml", "bad")]
    #expect(ExitStatus.forDiff(entries: fix, diagnostics: unreadable, failOn: .low) == 2)
  }
}
