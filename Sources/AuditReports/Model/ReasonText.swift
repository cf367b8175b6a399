import Foundation

/// The sentences that the engine writes into results (`reason`, a diff's `note`) in the report's
/// language. Results stay language-neutral data: `results.json` keeps the engine's English, and
/// the human reports translate it here with the sentence patterns of the catalogues (the keys
/// that start with `r_`). An English pattern such as `{path} is '{value}'; required: {~required}`
/// is matched against the whole sentence; `{name}` takes a value as it is (a `{p…}` name takes
/// no spaces, a `{dot…}` name a dotted path, a `{label…}` name may hold "; ", no other value
/// does; every part has balanced brackets), `{~name}` a part that must itself match a pattern, and
/// `{list…}` a list whose last "or", "and" or "nor" becomes the language's. A sentence that no
/// pattern matches completely stays as the engine wrote it, so nothing is ever lost or guessed.
public enum ReasonText {
  /// `sentence` in the current catalogue's language.
  public static func localised(_ sentence: String) -> String {
    let messages = Messages.current
    guard messages.language != .en, !sentence.isEmpty else { return sentence }
    // Results repeat their sentences (one per counterparty): each is matched once per process.
    let key = messages.language.rawValue + "\u{0}" + sentence
    if let known = cache.value(key) { return known }
    var translator = Translator(messages: messages)
    let translated = translator.translate(sentence) ?? sentence
    cache.store(key, translated)
    return translated
  }

  /// Translations made so far, shared by the formats that render at once.
  private static let cache = Cache()

  private final class Cache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: String] = [:]

    func value(_ key: String) -> String? {
      lock.lock()
      defer { lock.unlock() }
      return entries[key]
    }

    func store(_ key: String, _ value: String) {
      lock.lock()
      defer { lock.unlock() }
      entries[key] = value
    }
  }

  /// One pattern: the English and target texts split into literals and placeholders.
  struct Pattern {
    enum Part: Equatable {
      case literal(String)
      case hole(String)
    }
    var english: [Part]
    var target: String
    /// How much of the English is literal text: more specific patterns are tried first.
    var weight: Int

    static func parts(_ text: String) -> [Part] {
      var parts: [Part] = []
      var literal = ""
      var rest = Substring(text)
      while let open = rest.firstIndex(of: "{") {
        guard let close = rest[open...].firstIndex(of: "}") else { break }
        literal += rest[..<open]
        if !literal.isEmpty { parts.append(.literal(literal)) }
        literal = ""
        parts.append(.hole(String(rest[rest.index(after: open)..<close])))
        rest = rest[rest.index(after: close)...]
      }
      literal += rest
      if !literal.isEmpty { parts.append(.literal(literal)) }
      return parts
    }
  }

  /// The Chinese patterns, built once.
  static let chinese = patterns(.chinese)

  /// The patterns of the English catalogue with their texts in `messages`, most specific first.
  static func patterns(_ messages: Messages) -> [Pattern] {
    Messages.english.table.keys.filter { $0.hasPrefix("r_") }.sorted().compactMap { key -> Pattern? in
      guard let english = Messages.english.table[key], let target = messages.table[key] else { return nil }
      let parts = Pattern.parts(english)
      let weight = parts.reduce(0) { sum, part in
        if case .literal(let text) = part { return sum + text.count }
        return sum
      }
      return Pattern(english: parts, target: target, weight: weight)
    }.sorted { $0.weight > $1.weight }
  }

  struct Translator {
    let messages: Messages
    let patterns: [Pattern]
    private var memo: [String: String?] = [:]

    init(messages: Messages) {
      self.messages = messages
      patterns = messages.language == .zh ? ReasonText.chinese : ReasonText.patterns(messages)
    }

    /// The translation of the whole of `text`, or `nil` when no pattern covers it.
    mutating func translate(_ text: String) -> String? {
      if let known = memo[text] { return known }
      memo[text] = .some(nil)  // a part that contains itself does not match
      var result: String?
      for pattern in patterns {
        if let captures = match(pattern.english, 0, Substring(text), [:]) {
          result = fill(pattern.target, captures)
          break
        }
      }
      memo[text] = .some(result)
      return result
    }

    /// Matches parts from `index` against all of `text`, backtracking over where each hole ends.
    private mutating func match(_ parts: [Pattern.Part], _ index: Int, _ text: Substring, _ captures: [String: String])
      -> [String: String]?
    {
      guard index < parts.count else { return text.isEmpty ? captures : nil }
      switch parts[index] {
      case .literal(let literal):
        guard text.hasPrefix(literal) else { return nil }
        return match(parts, index + 1, text.dropFirst(literal.count), captures)
      case .hole(let name):
        var ends: [Substring.Index] = []
        if index + 1 < parts.count, case .literal(let next) = parts[index + 1] {
          var from = text.startIndex
          while let found = text[from...].range(of: next) {
            ends.append(found.lowerBound)
            guard found.lowerBound < text.endIndex else { break }
            from = text.index(after: found.lowerBound)
          }
        } else {
          ends = [text.endIndex]
        }
        for end in ends {
          let value = String(text[..<end])
          guard let accepted = accept(name, value) else { continue }
          var next = captures
          next[name] = accepted
          if let done = match(parts, index + 1, text[end...], next) { return done }
        }
        return nil
      }
    }

    /// A captured value as it goes into the translation, or `nil` when the hole cannot take it.
    private mutating func accept(_ name: String, _ value: String) -> String? {
      // A part never ends inside brackets it opened, nor closes brackets it did not open.
      guard !value.isEmpty, Self.balanced(value) else { return nil }
      if name.hasPrefix("~") { return translate(value) }
      // "; " separates sentences; only a label written in the inputs may contain it.
      guard name.hasPrefix("label") || !value.contains("; ") else { return nil }
      if name.hasPrefix("p") && value.contains(where: \.isWhitespace) { return nil }
      // A capability path: dotted, no spaces (so that a check summary's leaf cannot start anywhere).
      if name.hasPrefix("dot") && (value.contains(where: \.isWhitespace) || !value.contains(".")) { return nil }
      if name.hasPrefix("list") { return list(value) }
      return value
    }

    /// Whether every "(" in `text` is closed, in order.
    static func balanced(_ text: String) -> Bool {
      var depth = 0
      for c in text {
        if c == "(" { depth += 1 } else if c == ")" {
          depth -= 1
          if depth < 0 { return false }
        }
      }
      return depth == 0
    }

    /// "a, b or c" with the language's word for the last joiner.
    private func list(_ value: String) -> String {
      for (english, key) in [(" or ", "joinOr"), (" and ", "joinAnd"), (" nor ", "joinNor")] {
        if let range = value.range(of: english, options: .backwards) {
          return value.replacingCharacters(in: range, with: messages[key])
        }
      }
      return value
    }

    private func fill(_ target: String, _ captures: [String: String]) -> String {
      var text = target
      for (name, value) in captures { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
      return text
    }
  }
}
