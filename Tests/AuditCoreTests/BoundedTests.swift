import Testing

@testable import AuditCore

/// Values from inputs are quoted bounded and escaped: no terminal or CI-log injection, no
/// megabyte-long messages.
@Suite struct BoundedTests {
  @Test func controlAndBidiCharactersAreShownNotObeyed() {
    #expect(Bounded.visible("a\u{1B}[31mb\u{07}c\u{85}d\u{202E}e\u{2066}f\tg") == "a\\u{1B}[31mb\\u{7}c\\u{85}d\\u{202E}e\\u{2066}f\tg")
  }

  @Test func aDiagnosticIsOneLineThatNeverStartsAWorkflowCommand() {
    let value = "x\n::error file=a.yaml::pwned\r::add-mask::secret"
    let diagnostic = Diagnostic.error(SourceLocation(file: "f.yaml", line: 1, column: 2), "found '\(value)'")
    #expect(!diagnostic.description.contains("\n"))
    #expect(!diagnostic.description.contains("\r"))
    #expect(diagnostic.description == "f.yaml:1:2: error: found 'x\\n::error file=a.yaml::pwned\\r::add-mask::secret'")
    #expect(Diagnostic(.error, file: "::error file=x::", "m").description == "./::error file=x::: error: m")
  }

  @Test func longValuesAreCutWithTheirFullSize() {
    let value = String(repeating: "a", count: 1 << 20)
    let quoted = Bounded.quote(value)
    #expect(quoted == String(repeating: "a", count: Bounded.maxQuoted) + "… (1048576 bytes)")
    #expect(Scalar.string(value).description.count < 200)
  }
}

extension BoundedTests {
  @Test func cuttingKeepsShortTextAndNamesTheSize() {
    #expect(Bounded.cut("a\nb", limit: 10) == "a\nb")
    #expect(Bounded.cut(String(repeating: "长", count: 30), limit: 5) == "长长长长长… (90 bytes)")
  }
}
