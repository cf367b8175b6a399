import Testing

@testable import AuditCore

/// Numbers compare exactly: integers of any size, decimals as written, NaN refused, and hex and
/// octal only as the YAML 1.2 core schema writes them.
@Suite struct ExactNumberTests {
  private func status(_ predicate: String, _ subject: String) throws -> Status {
    let (status, diagnostics) = ExampleRunner.run(OperatorExample(predicate, subject, .pass))
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    return try #require(status)
  }

  @Test(arguments: [
    ("{path: v, equals: 9007199254740993}", "{v: 9007199254740992}", Status.fail),
    ("{path: v, equals: 9007199254740993}", "{v: 9007199254740993}", .pass),
    ("{path: v, equals: 100000000000000000000000}", "{v: 99999999999999999999999}", .fail),
    ("{path: v, equals: 100000000000000000000000}", "{v: 1e23}", .pass),
    ("{path: v, equals: 0.1}", "{v: 0.1000000000000000001}", .fail),
    ("{path: v, equals: 3}", "{v: 3.000}", .pass),
    ("{path: v, equals: 255}", "{v: 0xFF}", .pass),
    ("{path: v, equals: 8}", "{v: 0o10}", .pass),
    ("{path: v, equals: 18446744073709551616}", "{v: 0x10000000000000000}", .pass),
    ("{path: v, equals: -1}", "{v: 0x-1}", .error),
    ("{path: v, not_in: [3, 4]}", "{v: .nan}", .error),
    ("{path: v, in: [3, 4]}", "{v: .nan}", .error),
    ("{path: v, equals: 0}", "{v: -0.0}", .pass),
    ("{path: v, equals: .inf}", "{v: .Inf}", .pass),
  ])
  func comparisonsAreExact(predicate: String, subject: String, expected: Status) throws {
    #expect(try status(predicate, subject) == expected)
  }

  @Test func nanAsARuleArgumentIsRefusedAtLoad() {
    let (status, diagnostics) = ExampleRunner.run(OperatorExample("{path: v, not_in: [.nan, 3]}", "{v: 3}", .pass))
    #expect(status == nil)
    #expect(diagnostics.map(\.message) == ["'not_in' cannot compare with NaN (.nan): nothing equals it"])
  }

  @Test(arguments: [
    ("99999999999999999999999", "99999999999999999999999"), ("1e23", "100000000000000000000000"),
    ("1.10", "1.1"), ("-0.000001", "-0.000001"), ("1e-9", "1e-9"), ("1.5e400", "1.5e+400"),
    ("0x10000000000000000", "18446744073709551616"),
  ])
  func numbersAreShownAsWrittenNotRounded(text: String, shown: String) throws {
    let root = try #require(YAMLParser.parse("v: \(text)", file: "f").documents.first?.root)
    #expect(root["v"]?.scalar?.description == shown)
  }

  @Test(arguments: ["0x-1", "0x+1", "0o8", "0x", "1.2.3", "1e", "--1", "+-1", "1_000", "0b101", "."])
  func malformedNumbersAreStrings(text: String) throws {
    let root = try #require(YAMLParser.parse("v: \(text)", file: "f").documents.first?.root)
    #expect(root["v"]?.scalar == .string(text))
  }
}
