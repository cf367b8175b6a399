import Foundation
import Testing

@testable import AuditCore

/// A check knows which part of its obligation it belongs to by case, not by text: a phase that a
/// rule pack happens to label `when` is a phase, and the `when` condition is the condition.
@Suite struct CheckPhaseTests {
  @Test func aPhaseLabelledWhenIsAPhase() throws {
    let scenario = Scenario([
      Scenario.rules("""
          - id: P
            title: t
            severity: low
            phases:
              - {from: 2020-01-01, label: when, require: {path: v, equals: yes}}
        """),
      Scenario.platform("x", capabilities: "{v: no}"),
    ])
    let result = try #require(try scenario.evaluate(asOf: "2021-12-01").results.first)
    #expect(result.status == .fail)
    #expect(result.checks.map(\.phase) == [.phase("when")])
    #expect(result.reason.hasPrefix("[when] "), "\(result.reason)")
  }

  @Test func theConditionIsTheCondition() throws {
    let scenario = Scenario([
      Scenario.rules("  - {id: W, title: t, severity: low, when: {path: c, equals: yes}, require: {path: v, exists: true}}"),
      Scenario.platform("x", capabilities: "{c: no}"),
    ])
    let result = try #require(try scenario.evaluate(asOf: "2021-12-01").results.first)
    #expect(result.status == .notApplicable)
    #expect(result.checks.map(\.phase) == [.condition])
    #expect(!result.reason.contains("[when]"), "\(result.reason)")
  }

  /// results.json keeps writing `when` for the condition and the label for a phase.
  @Test(arguments: [(CheckPhase.condition, "\"when\""), (.phase("calls"), "\"calls\"")])
  func encodesAsItsLabel(phase: CheckPhase, json: String) throws {
    let data = try JSONEncoder().encode(phase)
    #expect(String(decoding: data, as: UTF8.self) == json)
    #expect(try JSONDecoder().decode(CheckPhase.self, from: data) == phase)
  }
}
