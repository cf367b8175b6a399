import AuditReports
import Foundation
import Testing

/// The document information of a printed report is replaced by an incremental update whose
/// offsets point where they must, without Chromium.
@Suite struct PDFInfoTests {
  /// A one-page PDF with a classic cross-reference table, as Skia writes them, and the wall
  /// clock in its Info dictionary.
  static func minimalPDF() -> Data {
    var text = "%PDF-1.4\n"
    var offsets: [Int] = []
    let objects = [
      "<< /Title (old) /Producer (Skia/PDF m156) /CreationDate (D:20991231235959+00'00') >>",
      "<< /Type /Catalog /Pages 3 0 R >>",
      "<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 3 0 R /MediaBox [0 0 842 595] >>",
    ]
    for (i, object) in objects.enumerated() {
      offsets.append(text.utf8.count)
      text += "\(i + 1) 0 obj\n\(object)\nendobj\n"
    }
    let xref = text.utf8.count
    text += "xref\n0 5\n0000000000 65535 f \n" + offsets.map { String(format: "%010d 00000 n \n", $0) }.joined()
    text += "trailer\n<</Size 5\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n\(xref)\n%%EOF"
    return Data(text.utf8)
  }

  @Test func appendsAnInfoDictionaryThatTheLastTrailerNames() throws {
    let original = Self.minimalPDF()
    let date = Date(timeIntervalSince1970: 1_638_403_200)  // 2021-12-02
    let updated = try PDFInfo.replace(in: original, title: "审计 audit", subject: "s, (x)", date: date)
    let expectedOriginal = String(decoding: original, as: UTF8.self)
      .replacingOccurrences(of: "D:20991231235959", with: "D:20211202000000")
    #expect(updated.prefix(original.count) == Data(expectedOriginal.utf8),
      "the update leaves the original bytes but the superseded clock digits")
    let text = String(decoding: updated, as: UTF8.self)
    #expect(!text.contains("2099"))
    let tail = String(text[text.index(text.startIndex, offsetBy: original.count)...])
    #expect(tail.contains("/Title <FEFF5BA18BA1002000610075006400690074>"))
    #expect(tail.contains("/Subject <FEFF0073002C0020002800780029>"))
    #expect(tail.contains("/CreationDate (D:20211202000000+00'00')"))
    #expect(tail.contains("/Producer (Skia/PDF m156)"))
    #expect(!tail.contains("2099"))
    let trailer = try #require(tail.firstMatch(of: /\/Size 6 \/Root 2 0 R \/Info 5 0 R \/Prev (\d+)/))
    #expect(Int(trailer.1) == Int(String(decoding: original, as: UTF8.self).firstMatch(of: /startxref\n(\d+)/)?.1 ?? ""))
    // startxref points at the new table, and its one entry at the new object.
    let end = try #require(tail.firstMatch(of: /startxref\n(\d+)\n%%EOF\n$/))
    let startxref = try #require(Int(end.1))
    let bytes = [UInt8](updated)
    #expect(String(decoding: bytes[startxref..<(startxref + 4)], as: UTF8.self) == "xref")
    let entry = try #require(tail.firstMatch(of: /5 1\n(\d{10}) 00000 n \n/))
    let object = try #require(Int(entry.1))
    #expect(String(decoding: bytes[object..<(object + 7)], as: UTF8.self) == "5 0 obj")
  }

  @Test func leavesAPDFWithoutAClassicTrailerAlone() throws {
    let odd = Data("%PDF-1.7\n1 0 obj\n<< /Type /XRef >>\nendobj\nstartxref\n9\n%%EOF\n".utf8)
    #expect(try PDFInfo.replace(in: odd, title: "t", subject: "s", date: nil) == odd)
  }
}
