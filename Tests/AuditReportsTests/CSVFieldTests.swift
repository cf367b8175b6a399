import AuditReports
import Testing

/// `CSVReport.field` quotes on the ASCII bytes a CSV reader splits on, doubles every quote, and
/// defuses a leading formula character, non-ASCII text passing through untouched.
@Suite struct CSVFieldTests {
  @Test func plainValuesAreUnchanged() {
    #expect(CSVReport.field("微信 blocks links") == "微信 blocks links")
  }

  @Test func quotesAreDoubledInsideQuotes() {
    #expect(CSVReport.field(#"say "hi", 你好"#) == #""say ""hi"", 你好""#)
    #expect(CSVReport.field(#"""#) == #""""""#)
  }

  @Test func aCommaBeforeACombiningMarkStillQuotes() {
    #expect(CSVReport.field("a,\u{301}b") == "\"a,\u{301}b\"")
  }

  @Test func formulasAreDefusedAndLineBreaksQuoted() {
    #expect(CSVReport.field("=1+1") == "'=1+1")
    #expect(CSVReport.field("-x\r\ny") == "\"'-x\ny\"")
  }
}
