import AuditCore
import AuditReports
import Foundation
import Testing

/// The engine's messages against the report catalogues: every key has an entry in every
/// catalogue with the same placeholders; every message and every operator's failing, unknown and
/// erring reason renders in Chinese without an English engine sentence; SARIF's message ids
/// resolve in their rules' `messageStrings`.
@Suite struct MessageCatalogueTests {
  /// The literal parts of the engine's English patterns that read as English text (five letters,
  /// or three with a space), of keys whose Chinese entry differs.
  static let englishFragments: [String] = {
    let chinese = Messages.read(.zh)
    var fragments: Set<String> = []
    for key in MessageKey.all where chinese[key.id] != key.english {
      let literals = key.pattern { _ in "\u{0}" }.components(separatedBy: "\u{0}")
      for literal in literals {
        let text = literal.trimmingCharacters(in: CharacterSet.letters.inverted)
        let letters = text.unicodeScalars.filter { CharacterSet.letters.contains($0) }.count
        if letters >= 5 || (letters >= 3 && text.contains(" ")) { fragments.insert(text) }
      }
    }
    return fragments.sorted()
  }()

  /// The English fragments left in `text`, as whole words.
  static func english(in text: String) -> [String] {
    englishFragments.filter { fragment in
      var from = text.startIndex
      while let range = text.range(of: fragment, range: from..<text.endIndex) {
        let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
        let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
        let isWord = { (c: Character?) in c.map { $0.isLetter && $0.isASCII } ?? false }
        if !isWord(before) && !isWord(after) { return true }
        from = text.index(after: range.lowerBound)
      }
      return false
    }
  }

  /// The code is the one source of the messages' English: en.json repeats none of it, and the
  /// English catalogue says what the code says, so English reports and results.json agree.
  @Test func theEnglishOfEveryMessageIsTheCodes() {
    #expect(MessageKey.all.count > 150)
    #expect(Set(MessageKey.all.map(\.id)).count == MessageKey.all.count, "two keys share an id")
    let file = Messages.read(.en)
    #expect(file.count > 200, "en.json lost the reports' strings")
    for key in MessageKey.all {
      #expect(file[key.id] == nil, "en.json repeats \(key.id), which its code declares")
      #expect(Messages.english.table[key.id] == key.english, "\(key.id)")
    }
  }

  /// Every shipped translation is complete, naming every key it lacks (an operator added in
  /// development renders in English until it is translated, and this fails until then); each
  /// entry keeps the placeholders of the code's pattern.
  @Test(arguments: ReportLanguage.allCases.filter { $0 != .en })
  func everyShippedTranslationTranslatesEveryKey(language: ReportLanguage) {
    let entries = Messages.read(language)
    let missing = Messages.untranslated(entries)
    #expect(missing.isEmpty, "\(language.rawValue).json lacks \(missing.count): \(missing.joined(separator: ", "))")
    for key in MessageKey.all {
      guard let entry = entries[key.id] else { continue }
      #expect(Set(MessageKey.placeholders(entry)) == Set(key.placeholders),
        "\(language.rawValue).json: \(key.id) has {\(MessageKey.placeholders(entry).joined(separator: "}, {"))}")
    }
  }

  /// A key a translation lacks is listed, and renders in the code's English.
  @Test func aKeyATranslationLacksIsListedAndRendersInEnglish() throws {
    var entries = Messages.read(.zh)
    let key = try #require(MessageKey.registered("contains.requirement"))
    #expect(entries.removeValue(forKey: key.id) != nil)
    entries.removeValue(forKey: "findings")
    let shipped = Set(Messages.untranslated(Messages.read(.zh)))
    #expect(Set(Messages.untranslated(entries)) == shipped.union(["contains.requirement", "findings"]))
    let partial = Messages.catalogue(.zh, entries: entries)
    let message = Message(key, ["value": .text("'x'")])
    #expect(partial.render(message) == "contains 'x'")
    #expect(Messages.chinese.render(message) != "contains 'x'")
    #expect(partial["findings"] == Messages.english["findings"])
    let requirement = try #require(MessageKey.registered("in.requirement"))
    #expect(partial.render(Message(requirement, ["values": .text("'x'")])) == Messages.chinese.render(Message(requirement, ["values": .text("'x'")])))
  }

  /// The scan can fail: the English of a message is full of the fragments.
  @Test func theScanFindsEnglish() {
    #expect(Self.englishFragments.count > 80)
    let message = Message(MessageKey.registered("check.required")!, [
      "base": .message(Message(MessageKey.registered("check.null")!, ["path": .path("a.b", template: nil)])),
      "required": .message(Message(MessageKey.registered("exists.present")!)),
    ])
    #expect(Self.english(in: message.english) == ["is present", "is recorded as unknown", "required"])
    #expect(Self.english(in: Messages.chinese.render(message)).isEmpty)
    #expect(Messages.chinese.render(message) == "a.b 记录为未知；要求：存在")
  }

  /// Every message the engine can say, with every placeholder filled, reads in Chinese.
  @Test(arguments: MessageKey.all.map(\.id))
  func everyMessageRendersInChinese(id: String) throws {
    let key = try #require(MessageKey.registered(id))
    let message = Message(key, Dictionary(key.placeholders.map { ($0, MessageArgument.text("X")) }) { a, _ in a })
    let chinese = Messages.chinese.render(message)
    #expect(Self.english(in: chinese).isEmpty, "\(id): \(chinese)")
  }

  /// A message's English, made once when the message is, is what rendering its pattern through
  /// the English catalogue gives: for every key, with every kind of argument (nested messages,
  /// lists, words, sentences) and a value holding braces, and for a pattern with a brace unclosed.
  @Test(arguments: MessageKey.all.map(\.id))
  func aMessagesOwnEnglishIsItsRenderedPattern(id: String) throws {
    let key = try #require(MessageKey.registered(id))
    let others = MessageKey.all.filter { $0.id != id }.prefix(3).map { other in
      Message(other, Dictionary(other.placeholders.map { ($0, MessageArgument.text("{\($0)}")) }) { a, _ in a })
    }
    let kinds: [MessageArgument] = [
      .text("a {brace} and a \\"), .list(["x", "y", "z"], joiner: .and), .words(Array(others), joiner: .or),
      .message(others[0]), .sentences(Array(others)), .count(3), .path("a.b", template: "a.{c}"), .list(["only"], joiner: .nor),
    ]
    for shift in kinds.indices {
      let arguments = Dictionary(key.placeholders.enumerated().map { ($1, kinds[($0 + shift) % kinds.count]) }) { a, _ in a }
      let message = Message(key, arguments)
      #expect(message.english == message.render { _ in nil }, "\(id)")
      #expect(message.english == message.render { Messages.english.table[$0] }, "\(id)")
      #expect(Messages.english.render(message) == message.english)
    }
    let unclosed = Message(MessageKey("test.unclosed", "a {b} c {d"), ["b": .text("B"), "d": .text("D")])
    #expect(unclosed.english == "a B c {d")
    #expect(unclosed.english == unclosed.render { _ in nil })
    #expect(Message(MessageKey("test.missing", "{gone} here"), [:]).english == "{gone} here")
  }

  /// Each operator's and combinator's failing, unknown and erring examples: the reason names its
  /// registered messages, says in Chinese what it says in English, and pins what it pins.
  @Test(arguments: OperatorRegistry.examples.filter { $0.example.expected != .pass }.map(\.name))
  func everyOperatorsReasonsRenderInChinese(name: String) throws {
    let example = try #require(OperatorRegistry.examples.first { $0.name == name }?.example)
    let (result, diagnostics) = ExampleRunner.result(of: example)
    let reason = try #require(result?.reasonMessage, "\(diagnostics)")
    for key in reason.keys where key.id != "message.verbatim" {
      #expect(MessageKey.registered(key.id) == key, "\(name): '\(key.id)' is not registered")
    }
    #expect(!reason.keys.contains { $0.id == "message.verbatim" }, "\(name): a verbatim sentence in \(reason.english)")
    let chinese = Messages.chinese.render(reason)
    #expect(!Self.english(in: reason.english).isEmpty, "\(name): \(reason.english)")
    #expect(Self.english(in: chinese).isEmpty, "\(name): \(chinese)")
    if let pinned = example.message {
      #expect(reason.keys.contains(pinned), "\(name) expects '\(pinned.id)' in \(reason.json.rendered())")
    }
  }

  @Test func everyOperatorHasFailingUnknownAndErringExamples() {
    for type in OperatorRegistry.all {
      let statuses = Set(type.examples.map(\.expected))
      #expect(statuses.isSuperset(of: [.fail, .unknown, .error]), "\(type.key)")
    }
  }

  /// `no_worse_than` quotes an off-scale value as every operator does: cut at 120 characters.
  @Test(arguments: ["{in: {counterparty: LONG, jd: low}}", "{in: {counterparty: high, jd: LONG}}"])
  func noWorseThanBoundsTheValuesItQuotes(subject: String) throws {
    let long = String(repeating: "x", count: 5_000)
    let example = OperatorExample("{path: 'in.{counterparty}', no_worse_than: affiliates, scale: level}",
      subject.replacingOccurrences(of: "LONG", with: long), affiliates: ["jd"], .error)
    let reason = try #require(ExampleRunner.result(of: example).result?.reason)
    #expect(reason.contains(String(repeating: "x", count: 120) + "… (5000 bytes)"), "\(reason.prefix(300))")
    #expect(!reason.contains(String(repeating: "x", count: 121)))
  }

  /// A message written to results.json reads back as the same message.
  @Test func messagesRoundTripThroughJSON() throws {
    let example = try #require(OperatorRegistry.examples.first { $0.name == "no_worse_than #2" }?.example)
    let reason = try #require(ExampleRunner.result(of: example).result?.reasonMessage)
    let data = try JSONEncoder().encode(reason)
    let back = try JSONDecoder().decode(Message.self, from: data)
    #expect(back.json == reason.json)
    #expect(Messages.chinese.render(back) == Messages.chinese.render(reason))
  }

  /// `--lang zh` on an `all` of 600 leaves: rendering its reason and its check's summary looks up
  /// each key once per use, so the work grows with the leaves, not with their combinations.
  @Test func renderingALargeAllIsLinear() throws {
    let leaves = (0..<600).map { "{path: k\($0), equals: x}" }.joined(separator: ", ")
    let subject = "{" + (0..<600).map { "k\($0): y" }.joined(separator: ", ") + "}"
    let example = OperatorExample("{all: [\(leaves)]}", subject, .fail)
    let (result, diagnostics) = ExampleRunner.result(of: example)
    let reason = try #require(result?.reasonMessage, "\(diagnostics)")
    var lookups = 0
    let table = Messages.chinese.table
    let chinese = reason.render { lookups += 1; return table[$0] }
    #expect(chinese.hasSuffix("另有 597 项"))
    #expect(lookups < 40, "\(lookups) catalogue lookups for a reason of three sentences")
    let summary = Predicate.all((0..<600).map { _ in Predicate.reciprocal(Reciprocal(
      path: try! CapabilityPath.parse("in.{counterparty}").get(), scale: Scale(name: "level", levels: ["a", "b"]),
      location: SourceLocation(file: "x", line: 1, column: 1))) }, SourceLocation(file: "x", line: 1, column: 1)).summaryMessage
    lookups = 0
    let text = summary.render { lookups += 1; return table[$0] }
    #expect(text.hasPrefix("全部满足（"))
    #expect(lookups <= 2 + 600 * 2, "\(lookups) lookups for 600 parts")
  }

  /// SARIF: every result's `message.id` names a `messageStrings` entry of its rule that, filled
  /// with the result's `arguments`, gives the result's text.
  @Test func sarifMessageIDsResolveInTheirRules() throws {
    let sarif = try #require(try ReportFixtures.render([SARIFReport.self])["results.sarif"])
    let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
    let run = try #require((log["runs"] as? [[String: Any]])?.first)
    let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
    let results = try #require(run["results"] as? [[String: Any]])
    #expect(!results.isEmpty)
    for result in results {
      let message = try #require(result["message"] as? [String: Any])
      let id = try #require(message["id"] as? String)
      let arguments = try #require(message["arguments"] as? [String])
      let rule = try #require(rules.first { $0["id"] as? String == result["ruleId"] as? String })
      let pattern = try #require(((rule["messageStrings"] as? [String: Any])?[id] as? [String: Any])?["text"] as? String,
        "rule \(rule["id"] ?? "?") has no messageStrings entry '\(id)'")
      #expect(Self.fill(pattern, arguments) == message["text"] as? String, "\(id)")
    }
  }

  /// A SARIF pattern with `{n}` replaced by argument n and `{{`, `}}` by braces (§3.11.5).
  static func fill(_ pattern: String, _ arguments: [String]) -> String {
    var out = ""
    var rest = Substring(pattern)
    while let c = rest.first {
      rest = rest.dropFirst()
      if c == "{", rest.first == "{" { out.append("{"); rest = rest.dropFirst(); continue }
      if c == "}", rest.first == "}" { out.append("}"); rest = rest.dropFirst(); continue }
      if c == "{", let close = rest.firstIndex(of: "}"), let n = Int(rest[..<close]), n < arguments.count {
        out += arguments[n]
        rest = rest[rest.index(after: close)...]
        continue
      }
      out.append(c)
    }
    return out
  }
}
