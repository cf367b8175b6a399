import Testing

@testable import AuditCore

/// `SOURCE_DATE_EPOCH` is read strictly: a malformed or out-of-range value is an error naming it,
/// never ignored and never a crash.
@Suite struct SourceDateEpochTests {
  private func asOf(_ value: String) throws -> Day {
    try Day.defaultAsOf(environment: ["SOURCE_DATE_EPOCH": value], now: 0)
  }

  @Test func aValidValueGivesItsUTCDay() throws {
    #expect(try asOf("1638403200") == Day("2021-12-02"))
    #expect(try asOf("-1") == Day("1969-12-31"))
    #expect(try Day.defaultAsOf(environment: [:], now: 86_400) == Day("1970-01-02"))
  }

  @Test(arguments: [
    ("abc", "'abc' is not a Unix time (whole seconds since 1970-01-01 UTC)"),
    (" 1638403200", "' 1638403200' is not a Unix time (whole seconds since 1970-01-01 UTC)"),
    ("1.5", "'1.5' is not a Unix time (whole seconds since 1970-01-01 UTC)"),
    ("-9223372036854775808", "'-9223372036854775808' is outside years 1–9999"),
    ("99999999999999", "'99999999999999' is outside years 1–9999"),
    ("99999999999999999999999", "'99999999999999999999999' is outside years 1–9999"),
  ])
  func malformedOrOutOfRangeIsAnErrorNamingTheValue(value: String, message: String) {
    let failure = #expect(throws: DiagnosticError.self) { try asOf(value) }
    #expect(failure?.diagnostics == [Diagnostic(.error, file: "SOURCE_DATE_EPOCH", message,
      hint: "set it to the output of 'date +%s', e.g. 1638403200, or unset it")])
  }

  @Test func unixTimesOutsideTheCalendarAreNilNotATrap() {
    #expect(Day(unixTime: Int.min) == nil)
    #expect(Day(unixTime: Int.max) == nil)
    #expect(Day(unixTime: 253_402_300_799) == Day("9999-12-31"))
  }
}
