import Foundation

/// Rewrites a PDF's document information (title, subject, creator, dates) by appending an
/// incremental update (ISO 32000-1 §7.5.6): a new Info dictionary, a one-entry cross-reference
/// section and a trailer that points back at the original. Chromium stamps the wall clock into
/// its Info dictionary and cannot set a subject; the update replaces both, and every reader
/// reads the last trailer. The clock's digits in the superseded dictionary are overwritten in
/// place, so that the file's bytes do not depend on when it was printed.
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
    let pdf = overwritingDates(in: pdf, with: date.map(pdfDate) ?? "D:19700101000000")
    var update = pdf.last == UInt8(ascii: "\n") ? "" : "\n"
    let objectOffset = pdf.count + update.utf8.count
    update += "\(size) 0 obj\n<< \(entries.joined(separator: " ")) >>\nendobj\n"
    let xrefOffset = pdf.count + update.utf8.count
    update += "xref\n0 1\n0000000000 65535 f \n\(size) 1\n\(String(format: "%010d", objectOffset)) 00000 n \n"
    update += "trailer\n<< /Size \(size + 1) /Root \(root) /Info \(size) 0 R /Prev \(previous) \(id) >>\n"
    update += "startxref\n\(xrefOffset)\n%%EOF\n"
    return pdf + Data(update.utf8)
  }

  /// `pdf` with the 14 digits of every `/CreationDate (D:…` and `/ModDate (D:…` (those of the
  /// Info dictionary that the update supersedes) replaced by those of `stamp`, in place, so that
  /// no offset moves and two prints of the same page are the same bytes.
  static func overwritingDates(in pdf: Data, with stamp: String) -> Data {
    let digits = Array(stamp.utf8.dropFirst(2).prefix(14))
    guard digits.count == 14 else { return pdf }
    var bytes = [UInt8](pdf)
    for key in ["/CreationDate (D:", "/ModDate (D:"] {
      let pattern = Array(key.utf8)
      var i = 0
      while let found = firstIndex(of: pattern, in: bytes, from: i) {
        let start = found + pattern.count
        let end = start + 14
        guard end <= bytes.count, bytes[start..<end].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { i = start; continue }
        bytes.replaceSubrange(start..<end, with: digits)
        i = end
      }
    }
    return Data(bytes)
  }

  /// Where `pattern` first occurs in `bytes` at or after `start`.
  static func firstIndex(of pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
    guard let first = pattern.first, bytes.count >= pattern.count else { return nil }
    var i = start
    while i <= bytes.count - pattern.count {
      if bytes[i] == first && bytes[i..<(i + pattern.count)].elementsEqual(pattern) { return i }
      i += 1
    }
    return nil
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
