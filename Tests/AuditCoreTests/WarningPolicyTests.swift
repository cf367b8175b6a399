import AuditCore
import Testing

/// What `--allow` and `--strict` do to warnings, and the codes they name.
@Suite struct WarningPolicyTests {
  static let warning = Diagnostic.warning(.scopeValueUnused, SourceLocation(file: "r.yaml", line: 4, column: 5), "category 'x'",
    hint: "did you mean 'y'?")
  static let error = Diagnostic(.error, file: "m.yaml", "broken")

  @Test func theCodeIsPrintedInBrackets() {
    #expect(Self.warning.description == "r.yaml:4:5: warning[W302]: category 'x' — did you mean 'y'?")
    #expect(Self.error.description == "m.yaml: error: broken")
  }

  @Test func allowedCodesAreDroppedWhateverTheirCase() {
    #expect(WarningPolicy(allowed: ["w302"]).apply([Self.warning, Self.error]) == [Self.error])
    #expect(WarningPolicy(allowed: ["W301"]).apply([Self.warning]) == [Self.warning])
  }

  @Test func strictRaisesTheRestKeepingTheCodeAndTwiceChangesNothing() {
    let policy = WarningPolicy(strict: true)
    let once = policy.apply([Self.warning])
    #expect(once.map(\.severity) == [.error])
    #expect(once.first?.description == "r.yaml:4:5: error[W302]: category 'x' — did you mean 'y'?")
    #expect(policy.apply(once) == once)
  }

  @Test func aMisspeltCodeIsAnErrorWithTheNearestCode() {
    let problems = WarningPolicy(allowed: ["W3O2", "W302"]).problems
    #expect(problems.map(\.description) == ["--allow: error: 'W3O2' is not a warning code — did you mean 'W302'?"])
  }

  @Test func codesAreUniqueAndWellFormed() {
    let codes = WarningCode.allCases.map(\.rawValue)
    #expect(Set(codes).count == codes.count)
    #expect(codes.allSatisfy { $0.wholeMatch(of: /W[1-5][0-9]{2}/) != nil })
  }
}
