import Foundation

/// Rewrites a PDF's document information (title, subject, creator, dates) by appending an
/// incremental update (ISO 32000-1 §7.5.6): a new Info dictionary, a one-entry cross-reference
/// section and a trailer that points back at the original. Chromium stamps the wall clock into
/// its Info dictionary and cannot set a subject; the update replaces both, and every reader
/// reads the last trailer.
public enum PDFInfo {
  /// `pdf` with a new Info dictionary; unchanged when its last trailer is not a classic one
  /// (Chromium's Skia writes classic cross-reference tables).
  public static func replace(in pdf: Data, title: String, subject: String, date: Date?) throws -> Data {
    let text = String(decoding: pdf.suffix(4096), as: UTF8.self)
    guard let trailer = text.range(of: "trailer", options: .backwards),
      let startxref = text.range(of: "startxref", options: .backwards),
      trailer.upperBound <= startxref.lowerBound
    else { return pdf }
    let dictionary = String(text[trailer.upperBound..<startxref.lowerBound])
    let after = text[startxref.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
    guard let size = Self.integer(after: "/Size", in: dictionary),
      let root = dictionary.firstMatch(of: /\/Root\s+(\d+\s+\d+\s+R)/)?.1,
      let previous = Int(after.prefix { $0.isNumber })
    else { return pdf }
    let id = dictionary.firstMatch(of: /\/ID\s*\[[^\]]*\]/).map { String($0.0) } ?? ""
    let producer = String(decoding: pdf, as: UTF8.self).firstMatch(of: /\/Producer\s*(\([^)\\]*\))/).map { String($0.1) }

    var entries = ["/Title \(hexString(title))", "/Subject \(hexString(subject))", "/Creator (interop-audit)"]
    if let producer { entries.append("/Producer \(producer)") }
    if let date {
      let stamp = pdfDate(date)
      entries += ["/CreationDate (\(stamp))", "/ModDate (\(stamp))"]
    }
    var update = pdf.last == UInt8(ascii: "\n") ? "" : "\n"
    let objectOffset = pdf.count + update.utf8.count
    update += "\(size) 0 obj\n<< \(entries.joined(separator: " ")) >>\nendobj\n"
    let xrefOffset = pdf.count + update.utf8.count
    update += "xref\n0 1\n0000000000 65535 f \n\(size) 1\n\(String(format: "%010d", objectOffset)) 00000 n \n"
    update += "trailer\n<< /Size \(size + 1) /Root \(root) /Info \(size) 0 R /Prev \(previous) \(id) >>\n"
    update += "startxref\n\(xrefOffset)\n%%EOF\n"
    return pdf + Data(update.utf8)
  }

  /// The integer after `key` in a dictionary's text.
  static func integer(after key: String, in dictionary: String) -> Int? {
    guard let range = dictionary.range(of: key) else { return nil }
    return Int(dictionary[range.upperBound...].drop { $0 == " " || $0 == "\n" || $0 == "\r" }.prefix { $0.isNumber })
  }

  /// A PDF text string in UTF-16BE with a byte-order mark, as hex: any script, no escaping.
  static func hexString(_ text: String) -> String {
    "<FEFF" + text.utf16.map { String(format: "%04X", $0) }.joined() + ">"
  }

  /// A PDF date in UTC: `D:20211202000000+00'00'`.
  static func pdfDate(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyyMMddHHmmss"
    return "D:\(formatter.string(from: date))+00'00'"
  }
}
