import AuditCore
import AuditReports
import Foundation
import Testing

/// Control characters and bidi overrides from inputs reach no report raw: every template (the
/// timeline's and the diff's too) shows them as `\u{…}`, through the same function as stderr.
@Suite struct ControlCharacterTests {
  static let hostile = "a\u{0}b\u{7}c\u{1B}[2Jd\u{85}e\u{202E}f\u{2066}g"

  func rawControls(_ text: String) -> [String] {
    text.unicodeScalars.filter { scalar in
      let v = scalar.value
      return (v < 0x20 && v != 0x0A && v != 0x09) || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
        || (0x2066...0x2069).contains(v)
    }.map { String(format: "U+%04X", $0.value) }
  }

  @Test(arguments: ["html", "markdown"])
  func theTimelineShowsControlsVisibly(format: String) throws {
    var doc = try TimelineReportTests.document()
    doc.title = Self.hostile
    doc.events[0].title = Self.hostile
    doc.events[0].titleEn = nil
    let files = try TimelineReport(document: doc, linkBase: "../").render(formats: [format])
    let text = String(decoding: try #require(files.first).contents, as: UTF8.self)
    #expect(rawControls(text).isEmpty, "\(rawControls(text))")
    #expect(text.contains("\\u{1B}"))
    #expect(text.contains("\\u{202E}"))
  }

  @Test func oneFunctionForStderrAndReports() {
    #expect(TextEscaping.html(Self.hostile) == Bounded.visible(Self.hostile))
    #expect(TextEscaping.printable(Self.hostile) == Bounded.visible(Self.hostile))
  }
}

extension ControlCharacterTests {
  @Test func theDiffShowsControlsVisibly() throws {
    var doc = try DiffReportTests.document()
    doc.old.source = ControlCharacterTests.hostile
    doc.entries[0].note = ControlCharacterTests.hostile
    doc.entries[0].platform = ControlCharacterTests.hostile
    let files = try DiffReport(document: doc).render(formats: ["html"])
    let html = String(decoding: try #require(files.first).contents, as: UTF8.self)
    #expect(rawControls(html).isEmpty, "\(rawControls(html))")
    #expect(html.contains("\\u{202E}"))
  }
}
