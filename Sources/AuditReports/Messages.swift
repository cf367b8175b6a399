import AuditCore
import Foundation

/// The language reports are written in (`--lang`).
public enum ReportLanguage: String, CaseIterable, Sendable {
  case en, zh

  /// The other language, which a bilingual field falls back to.
  public var other: ReportLanguage { self == .en ? .zh : .en }
}

/// One message catalogue: every fixed string and sentence pattern of the human reports in one
/// language, compiled into the binary (a flat object of key → text, so that a translator edits
/// data, not code). A pattern names its values in braces: `{count}`. A key with a `_one` variant
/// uses it when the count is 1.
///
/// English has one source per string: the reports' own strings are `Resources/messages/en.json`;
/// the engine's and the operators' messages are the English their code declares
/// (`MessageKey.all`), which en.json does not repeat, so a new operator needs no catalogue entry
/// to render. Another language's `Resources/messages/<lang>.json` translates both; a key it
/// lacks renders in English (`untranslated` lists them, and a test keeps the shipped
/// translations complete).
///
/// Reports read the catalogue of the run through `Messages.current`, a task-local value that
/// `ReportContext` (and the timeline and diff reports) set around the code that builds their
/// text; templates see the whole table as `m` (`{{m.findings}}`).
public struct Messages: Sendable {
  public let language: ReportLanguage
  /// Key → text, with English filled in where this language has no entry.
  public let table: [String: String]
  /// Whether `table` renders each message key as its code declares it (the shipped English),
  /// so that a message's own English, made once, is its text here.
  var codeEnglish = false

  /// The catalogue of `language`, loaded once per process.
  public static func of(_ language: ReportLanguage) -> Messages {
    switch language {
    case .en: english
    case .zh: chinese
    }
  }

  /// The English catalogue: en.json and the code's English of every message key.
  public static let english = Messages(language: .en, table: englishEntries, codeEnglish: true)
  /// The Chinese catalogue, with English for any key it lacks.
  public static let chinese = catalogue(.zh, entries: read(.zh))

  /// Every English entry: the reports' strings from en.json, and each message key's pattern as
  /// its code declares it.
  static let englishEntries: [String: String] = {
    var table = read(.en)
    for key in MessageKey.all { table[key.id] = key.english }
    return table
  }()

  /// The catalogue of `language` from its translated `entries`, English where they lack a key.
  public static func catalogue(_ language: ReportLanguage, entries: [String: String]) -> Messages {
    Messages(language: language, table: filled(entries, from: englishEntries))
  }

  /// The English keys that `entries` (a translation) does not translate, sorted; an English
  /// `_one` variant is not missing when its key is translated (see `filled`).
  public static func untranslated(_ entries: [String: String]) -> [String] {
    englishEntries.keys.filter { key in
      entries[key] == nil && !(key.hasSuffix("_one") && entries[String(key.dropLast(4))] != nil)
    }.sorted()
  }

  /// A translation with the English entries it lacks, except English `_one` variants of keys it
  /// translates: a language without a singular form uses its one pattern for every count.
  static func filled(_ translation: [String: String], from english: [String: String]) -> [String: String] {
    var table = translation
    for (key, text) in english where table[key] == nil {
      if key.hasSuffix("_one"), translation[String(key.dropLast(4))] != nil { continue }
      table[key] = text
    }
    return table
  }

  /// The catalogue that report code running now uses (English unless a caller sets it).
  @TaskLocal public static var current: Messages = .english

  /// The raw entries of one catalogue file, as a translator wrote them (empty when the file is
  /// missing or is not a JSON object of strings; `LanguageTests` guards the shipped ones). For
  /// English these are the reports' strings only; `english.table` adds the code's messages.
  public static func read(_ language: ReportLanguage) -> [String: String] {
    // Compiled in (EmbeddedTemplates.messages, by the EmbedResources plugin): no resource bundle to lose.
    guard let text = EmbeddedTemplates.messages[language.rawValue],
      let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]
    else { return [:] }
    return object
  }

  /// The text of `key`, or the key itself when no catalogue has it.
  public subscript(_ key: String) -> String { table[key] ?? key }

  /// The pattern `key` with its `{name}` placeholders replaced by `values`; `count` picks the
  /// `key_one` variant when it is 1 and exists, and is also available as `{count}`.
  public func format(_ key: String, count: Int? = nil, _ values: [String: CustomStringConvertible] = [:]) -> String {
    var pattern = self[key]
    if count == 1, let one = table[key + "_one"] { pattern = one }
    var values = values
    if let count { values["count"] = count }
    return Self.substitute(pattern, values)
  }

  /// `pattern` with each `{name}` that `values` has replaced, in one pass: a value is never
  /// read as a pattern, and a report of tens of thousands of rows does not pay a search per name.
  static func substitute(_ pattern: String, _ values: [String: CustomStringConvertible]) -> String {
    var out = ""
    var rest = pattern[...]
    while let open = rest.firstIndex(of: "{") {
      out += rest[..<open]
      guard let close = rest[open...].firstIndex(of: "}"), let value = values[String(rest[rest.index(after: open)..<close])] else {
        out.append("{")
        rest = rest[rest.index(after: open)...]
        continue
      }
      out += value.description
      rest = rest[rest.index(after: close)...]
    }
    out += rest
    return out
  }

  /// `message` in this language: each key's pattern from the catalogue (the engine's English
  /// where a catalogue lacks one), nested messages alike. The one place reasons become text.
  public func render(_ message: Message) -> String {
    codeEnglish ? message.english : message.render { table[$0] }
  }

  /// The word for a machine value (a severity, an evidence method, an input kind) under
  /// `prefix_value`, or the value itself when the catalogue has no word for it.
  public func word(_ prefix: String, _ value: String) -> String { table["\(prefix)_\(value)"] ?? value }

  /// Picks the text in this language from a bilingual pair (`title`/`title_en`): the primary
  /// text and the other one (if different), falling back to whichever exists.
  public func pick(original: String?, english: String?) -> (primary: String?, other: String?) {
    switch language {
    case .en: english != nil ? (english, original == english ? nil : original) : (original, nil)
    case .zh: original != nil ? (original, english == original ? nil : english) : (english, nil)
    }
  }
}
