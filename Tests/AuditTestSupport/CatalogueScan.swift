import Foundation

/// The issue's check on `--lang zh`: no fixed English string of the English message catalogue
/// is left in a Chinese report. The caller hands over the English catalogue
/// (`Messages.english.table`: en.json and the code's messages); the Chinese one is read from the
/// source tree (`Sources/AuditReports/Resources/messages`), so that this target needs no module.
public enum CatalogueScan {
  static func catalogue(_ language: String) -> [String: String] {
    let url = TestPaths.packageRoot.appendingPathComponent("Sources/AuditReports/Resources/messages/\(language).json")
    guard let data = try? Data(contentsOf: url),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: String]
    else { return [:] }
    return object
  }

  /// The literal parts of the English catalogue's entries (split at their `{placeholders}`),
  /// those long enough to be English text rather than a symbol: five letters, or three with a
  /// space. Entries that read the same in Chinese (separators, symbols) are left out.
  public static func englishFragments(_ englishCatalogue: [String: String]) -> Set<String> {
    let chinese = catalogue("zh")
    var fragments: Set<String> = []
    for (key, english) in englishCatalogue where chinese[key] != english {
      for part in english.components(separatedBy: "{") {
        let literal = part.components(separatedBy: "}").last ?? ""
        let text = literal.trimmingCharacters(in: CharacterSet.letters.inverted)
        let letters = text.unicodeScalars.filter { CharacterSet.letters.contains($0) }.count
        if letters >= 5 || (letters >= 3 && text.contains(" ")) { fragments.insert(text) }
      }
    }
    return fragments
  }

  /// HTML without its style, script and tags (attribute values are classes and ids, not prose),
  /// with the entities that would hide letters decoded.
  public static func withoutTags(_ html: String) -> String {
    let html = html.replacingOccurrences(of: #"<(style|script)[^>]*>[\s\S]*?</\1>"#, with: " ", options: .regularExpression)
    var out = ""
    var inTag = false
    for c in html {
      if c == "<" { inTag = true } else if c == ">" { inTag = false; out.append(" ") } else if !inTag { out.append(c) }
    }
    return out.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
      .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&amp;", with: "&")
  }

  /// Whether `fragment` occurs in `text` as whole words.
  public static func occurs(_ fragment: String, in text: String) -> Bool {
    var from = text.startIndex
    while let range = text.range(of: fragment, range: from..<text.endIndex) {
      let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
      let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
      let isWordChar = { (c: Character?) -> Bool in c.map { $0.isLetter && $0.isASCII } ?? false }
      if !isWordChar(before) && !isWordChar(after) { return true }
      from = text.index(after: range.lowerBound)
    }
    return false
  }

  /// The scalar texts of YAML inputs, longest first, raw and as the reports escape them
  /// (`escapes`), so that a scan can cut the inputs' own words out of a report.
  public static func inputTexts(_ files: [URL], escapes: [(String) -> String]) -> [String] {
    var texts: Set<String> = []
    for file in files {
      guard let data = try? Data(contentsOf: file) else { continue }
      for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
        // A line of a block scalar (notes: >) is text as it stands.
        let whole = line.trimmingCharacters(in: .whitespaces)
        if whole.count >= 3 {
          texts.insert(whole)
          for escape in escapes { texts.insert(escape(whole)) }
        }
        guard let colon = line.firstIndex(of: ":") else { continue }
        var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("- ") { value = String(value.dropFirst(2)) }
        if value.hasPrefix("\"") || value.hasPrefix("'") { value = String(value.dropFirst().dropLast()) }
        guard value.count >= 3 else { continue }
        texts.insert(value)
        for escape in escapes { texts.insert(escape(value)) }
      }
    }
    return texts.sorted { $0.count > $1.count }
  }

  /// The English fragments left in `document` once tags, the inputs' texts and path-like tokens
  /// are cut out; fragments that the inputs themselves use are not counted. Each comes with
  /// some context, for the failure message.
  public static func leftovers(in document: String, inputs: [String], english: [String: String]) -> [String] {
    let rawInputs = inputs.joined(separator: "\n")
    let fragments = englishFragments(english).filter { !occurs($0, in: rawInputs) }
    var text = withoutTags(document)
    for input in inputs { text = text.replacingOccurrences(of: input, with: " ") }
    text = text.replacingOccurrences(of: #"[^\s|()（）]*(/|_|\w\.\w)[^\s|()（）]*"#, with: " ", options: .regularExpression)
    return fragments.filter { occurs($0, in: text) }.sorted().map { fragment in
      guard let range = text.range(of: fragment) else { return fragment }
      let from = text.index(range.lowerBound, offsetBy: -40, limitedBy: text.startIndex) ?? text.startIndex
      let to = text.index(range.upperBound, offsetBy: 40, limitedBy: text.endIndex) ?? text.endIndex
      return "'\(fragment)' in …\(text[from..<to])…"
    }
  }

  /// Every `*.yaml` file under `directories` (relative to the package root).
  public static func yamlFiles(under directories: [String]) -> [URL] {
    directories.flatMap { directory -> [URL] in
      let base = TestPaths.packageRoot.appendingPathComponent(directory)
      let names = (FileManager.default.enumerator(atPath: base.path)?.compactMap { $0 as? String } ?? [])
        .filter { $0.hasSuffix(".yaml") }.sorted()
      return names.map { base.appendingPathComponent($0) }
    }
  }
}
