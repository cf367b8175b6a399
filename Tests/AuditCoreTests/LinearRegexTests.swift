import Foundation
import Testing

@testable import AuditCore

/// `matches` runs in linear time: catastrophic patterns finish at once, long values scale
/// linearly, and features that need backtracking are refused at load with the reason.
@Suite struct LinearRegexTests {
  private func seconds(_ body: () -> Void) -> Double {
    let start = ContinuousClock.now
    body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
  }

  private func matches(_ pattern: String, _ text: String) throws -> Bool? {
    guard case .value(let found) = try LinearRegex(pattern).matches(text) else { return nil }
    return found
  }

  @Test func nestedQuantifiersDoNotExplode() throws {
    let regex = try LinearRegex("^(a+)+$")
    var result: Checked<Bool>?
    let time = seconds { result = regex.matches(String(repeating: "a", count: 100_000) + "!") }
    guard case .value(false)? = result else {
      Issue.record("expected no match, got \(String(describing: result))")
      return
    }
    #expect(time < 1, "\(time) s")
  }

  @Test func anUnanchoredSearchIsOnePassNotOnePerStart() throws {
    let regex = try LinearRegex("miit.*gov")
    let small = String(repeating: "miit", count: 50_000)
    let large = String(repeating: "miit", count: 400_000)
    var found = [Checked<Bool>]()
    let t1 = seconds { found.append(regex.matches(small)) }
    let t2 = seconds { found.append(regex.matches(large)) }
    for result in found {
      guard case .value(false) = result else { Issue.record("expected no match, got \(result)"); return }
    }
    // The backtracking engine took 9 s at 40 kB and grew with the square of the length.
    #expect(t1 < 1 && t2 < 2, "\(t1) s at 200 kB, \(t2) s at 1.6 MB")
  }

  @Test(arguments: [
    ("^https://", "https://example.org", true), ("^https://", "see https://x", false),
    ("gov$", "miit.gov", true), ("a|^b", "cb", false), ("a|^b", "bc", true), ("a.b", "a\nb", false),
    ("^8\\.0\\.", "8.0.16", true), ("\\d{4}", "年份2021", true), ("(?i)WECHAT", "wechat", true),
    ("[(?=]x", "(x", true), ("\\Qa(?=\\E", "xa(?=", true), ("^$", "", true),
  ])
  func semanticsAreThoseOfAnOrdinarySearch(pattern: String, text: String, expected: Bool) throws {
    #expect(try matches(pattern, text) == expected)
  }

  @Test(arguments: [
    ("(a)\\1", "a backreference ('\\1' at character 4) cannot run in linear time"),
    ("x(?=a)", "a lookahead ('(?=' at character 2) cannot run in linear time"),
    ("(?<!a)b", "a lookbehind ('(?<!' at character 1) cannot run in linear time"),
    ("(a|(?R))", "recursion or a subroutine call ('(?R' at character 4) cannot run in linear time"),
    ("(?<n>a)\\k<n>", "a backreference or subroutine call ('\\k<' at character 8) cannot run in linear time"),
    ("(*SKIP)a", "a backtracking verb or alpha assertion ('(*SKIP' at character 1) cannot run in linear time"),
    ("(?(1)a|b)", "a conditional group ('(?(' at character 1) cannot run in linear time"),
    ("(?x) a # b", "extended mode ('(?x' at character 1) cannot run in linear time"),
  ])
  func backtrackingFeaturesAreRefusedWithTheReason(pattern: String, reason: String) {
    #expect(throws: LinearRegex.Refusal(description: reason)) { try LinearRegex(pattern) }
  }

  @Test func refusalsAreLoadErrorsAtTheArgument() {
    let (status, diagnostics) = ExampleRunner.run(OperatorExample("{path: v, matches: '(a)\\1'}", "{v: aa}", .pass))
    #expect(status == nil)
    #expect(diagnostics.map(\.description) == [
      "<example>:9:33: error: 'matches' cannot use '(a)\\1': a backreference ('\\1' at character 4) cannot run in linear time — 'matches' runs in linear time, so it takes no backreferences, lookaround or recursion"
    ])
  }

  @Test func invalidPatternsNameTheCharacter() {
    #expect(throws: LinearRegex.Refusal(description: "missing ): (ab")) {
      try LinearRegex("(ab")
    }
  }
}

extension LinearRegex.Refusal: Equatable {
  public static func == (a: Self, b: Self) -> Bool { a.description == b.description }
}
