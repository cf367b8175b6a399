import Testing

@testable import AuditCore

/// `matches` runs in linear time: RE2 simulates an automaton instead of backtracking, so a search
/// costs the text's length times a cost per character that grows with the compiled program, and
/// the program's size is bounded when the pattern is loaded. Features that need backtracking are
/// refused at load with the reason. Nothing is left to say about speed that a test could check
/// without a clock: the inputs that made a backtracking matcher explode are checked for their
/// answers here, and `audit-bench --shapes` times them.
@Suite struct LinearRegexTests {
  private func matches(_ pattern: String, _ text: String) throws -> Bool? {
    guard case .value(let found) = try LinearRegex(pattern).matches(text) else { return nil }
    return found
  }

  @Test func nestedQuantifiersAnswerRightOnAHundredThousandCharacters() throws {
    let letters = String(repeating: "a", count: 100_000)
    #expect(try matches("^(a+)+$", letters + "!") == false)
    #expect(try matches("^(a+)+$", letters) == true)
  }

  @Test func anUnanchoredSearchOfMegabytesFindsTheOnlyMatch() throws {
    let text = String(repeating: "miit", count: 400_000)
    #expect(try matches("miit.*gov", text) == false)
    #expect(try matches("miit.*gov", text + "gov") == true)
    #expect(try matches("miit.*gov", "gov" + text) == false)
    #expect(try matches("miit.*gov", text + "\ngov") == false)
  }

  @Test func patternsTooLongOrCompilingTooLargeAreRefused() {
    #expect(throws: LinearRegex.Refusal(description: "the pattern is longer than 2000 characters")) {
      try LinearRegex(String(repeating: "a", count: 2_001))
    }
    // The instruction count is RE2's and may change with its version; the pattern is far over.
    do {
      _ = try LinearRegex("(abcdefghijklmnopqrstuvwxyz){1000}")
      Issue.record("a program of about 26,000 instructions was accepted")
    } catch {
      #expect(error.description.hasSuffix(" instructions (more than 20000); use fewer or smaller counted repeats"), "\(error)")
    }
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
