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

  /// `printable` changes text exactly when it holds a scalar no report carries: the controls
  /// but tab and newline, DEL, C1, the bidi marks, overrides and isolates, LS/PS and the
  /// noncharacters. Checked for every scalar of the ranges where they lie, each between
  /// printable neighbours, so that the byte scan that lets most text through is never wrong.
  @Test func printableChangesTextExactlyWhenAScalarCannotBeCarried() {
    func carried(_ v: UInt32) -> Bool {
      if v < 0x20 { return v == 0x09 || v == 0x0A }
      if (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) { return false }
      if [0x061C, 0x200E, 0x200F, 0x2028, 0x2029].contains(v) || (0xFDD0...0xFDEF).contains(v) { return false }
      return v & 0xFFFE != 0xFFFE
    }
    let planes = (1...16).flatMap { plane -> [UInt32] in
      let base = UInt32(plane) << 16
      return Array(base..<base + 0x100) + Array(base + 0xFF00...base + 0xFFFF)
    }
    var wrong: [String] = []
    for v in Array(0...0x3000) + Array(0xF900...0xFFFF) + planes where v != 0x0D {
      guard let scalar = Unicode.Scalar(v) else { continue }
      let text = "a\(Character(scalar))中"
      if (TextEscaping.printable(text) == text) != carried(v) { wrong.append(String(format: "U+%04X", v)) }
    }
    #expect(wrong.isEmpty, "\(wrong.prefix(20))")
  }
}
