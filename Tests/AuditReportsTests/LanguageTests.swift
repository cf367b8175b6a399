import AuditCore
import AuditReports
import AuditTestSupport
import Foundation
import Testing

/// `--lang zh`: the Chinese reports against their goldens, with no fixed English string of the
/// English catalogue left in them; the catalogues agree on keys and placeholders; the machine
/// formats do not depend on the language.
@Suite struct LanguageTests {
  /// The human documents of the fixture sets in one language, by golden name.
  static func documents(_ language: ReportLanguage) throws -> [String: String] {
    var out: [String: String] = [:]
    let reports = try ReportFixtures.render([MarkdownReport.self, HTMLReport.self], language: language)
    for (name, text) in reports { out["reports/zh/\(name)"] = text }
    let timeline = TimelineReport(document: try TimelineReportTests.document(), linkBase: "../", language: language)
    for file in try timeline.render(formats: ["markdown", "html"]) {
      out["timeline/zh/\(file.name)"] = String(decoding: file.contents, as: UTF8.self)
    }
    let diff = DiffReport(document: try DiffReportTests.document(), linkBase: "../", language: language)
    for file in try diff.render(formats: ["markdown", "html"]) {
      out["diff/zh/\(file.name)"] = String(decoding: file.contents, as: UTF8.self)
    }
    return out
  }

  @Test func theChineseReportsMatchTheirGoldens() throws {
    let documents = try Self.documents(.zh)
    #expect(documents.count == 6)
    for (name, text) in documents.sorted(by: { $0.key < $1.key }) {
      // Every golden is checked (and, when recording, written), not only the first that differs.
      do { try Golden.check(text, name) } catch { Issue.record(error) }
    }
  }

  /// The issue's test: a Chinese report with any fixed English string left fails, naming it.
  /// The fixtures' own English (titles, notes, reasons of waivers, ids, paths) is input and is
  /// cut out first (`CatalogueScan.leftovers`).
  @Test func noEnglishFixedStringIsLeftInTheChineseReports() throws {
    let catalogue = CatalogueScan.englishFragments(Messages.english.table)
    #expect(catalogue.count > 150, "the English catalogue lost its sentences")
    #expect(catalogue.contains("Compliance matrices"))
    #expect(catalogue.contains("is recorded as unknown"))
    let files = CatalogueScan.yamlFiles(under: ["Tests/Fixtures/reports", "Tests/Fixtures/timeline", "Tests/Fixtures/diff"])
    let inputs = CatalogueScan.inputTexts(files, escapes: [TextEscaping.markdown, TextEscaping.html])
    for (name, document) in try Self.documents(.zh) {
      let left = CatalogueScan.leftovers(in: document, inputs: inputs, english: Messages.english.table)
      #expect(left.isEmpty, "\(name) still says in English: \(left.joined(separator: " / "))")
    }
  }

  /// The English reports, by contrast, are full of the catalogue's sentences (so the scan can fail).
  @Test func theScanFindsTheEnglishInTheEnglishReports() throws {
    let files = CatalogueScan.yamlFiles(under: ["Tests/Fixtures/reports", "Tests/Fixtures/timeline", "Tests/Fixtures/diff"])
    let inputs = CatalogueScan.inputTexts(files, escapes: [TextEscaping.markdown, TextEscaping.html])
    for (name, document) in try Self.documents(.en) {
      #expect(CatalogueScan.leftovers(in: document, inputs: inputs, english: Messages.english.table).count > 10, "\(name)")
    }
  }

  @Test func theCataloguesAgreeOnKeysAndPlaceholders() {
    let en = Messages.english.table
    let zh = Messages.read(.zh)
    #expect(en.count > 200)
    func holes(_ text: String) -> Set<String> {
      Set(text.components(separatedBy: "{").dropFirst().compactMap { $0.components(separatedBy: "}").first })
    }
    for (key, english) in en where !key.hasSuffix("_one") {
      guard let chinese = zh[key] else {
        Issue.record("zh.json lacks \(key)")
        continue
      }
      #expect(holes(chinese) == holes(english), "\(key): placeholders differ")
    }
    for key in zh.keys { #expect(en[key] != nil, "zh.json has \(key), which neither en.json nor the code says") }
  }

  @Test func machineFormatsDoNotDependOnTheLanguage() throws {
    let formats = ReportFixtures.inProcess.filter { $0 != MarkdownReport.self && $0 != HTMLReport.self }
    let english = try ReportFixtures.render(formats, language: .en)
    let chinese = try ReportFixtures.render(formats, language: .zh)
    #expect(english.keys.sorted() == chinese.keys.sorted())
    for (name, text) in english { #expect(chinese[name] == text, "\(name) changed with --lang") }
  }

  @Test func statusWordsFollowTheLanguage() {
    let words = Messages.$current.withValue(.chinese) { Status.displayOrder.map(\.label) }
    #expect(words == ["‼ 错误", "✘ 不合规", "? 未知", "⊘ 豁免", "✔ 通过", "– 不适用"])
    #expect(Status.fail.label == "✘ fail")
  }

  /// Engine messages render through the catalogue as values: a label from the inputs may hold
  /// "; " and brackets without confusing anything, and a list's joiner is the language's.
  @Test func engineMessagesRenderInTheLanguage() throws {
    let key = { (id: String) in try #require(MessageKey.registered(id)) }
    let required = Message(try key("check.required"), [
      "base": .message(Message(try key("check.value"), ["path": .path("links.inbound.wechat.private_chat", template: nil),
        "value": .text("copy_out")])),
      "required": .message(Message(try key("at_least.requirement"), ["level": .text("interstitial"), "scale": .scale("link_access")])),
    ])
    #expect(Messages.chinese.render(required)
      == "links.inbound.wechat.private_chat 为 'copy_out'；要求：在 link_access 上至少为 'interstitial'")
    #expect(Messages.english.render(required) == required.english)
    #expect(required.english == "links.inbound.wechat.private_chat is 'copy_out'; required: at least 'interstitial' on link_access")
    let phase = Message(try key("check.summary_phase"), [
      "start": .date("2024-03-07"), "label": .text("Art. 7(2)(a): text; offer"),
      "check": .message(Message(try key("in.requirement"), ["values": .list(["'x'", "'y'", "'z'"], joiner: .or)])),
    ])
    #expect(Messages.chinese.render(phase) == "自 2024-03-07 起（Art. 7(2)(a): text; offer）：为 'x'、'y' 或 'z' 之一")
    #expect(phase.english == "from 2024-03-07 (Art. 7(2)(a): text; offer): is one of 'x', 'y' or 'z'")
  }

  @Test func bilingualFieldsArePickedByLanguageWithAFallback() {
    #expect(Messages.chinese.pick(original: "对等开放", english: "Reciprocal").primary == "对等开放")
    #expect(Messages.chinese.pick(original: "对等开放", english: "Reciprocal").other == "Reciprocal")
    #expect(Messages.english.pick(original: "对等开放", english: "Reciprocal").primary == "Reciprocal")
    #expect(Messages.english.pick(original: "对等开放", english: nil).primary == "对等开放")
    #expect(Messages.chinese.pick(original: nil, english: "Only English").primary == "Only English")
    #expect(Messages.english.pick(original: "Same", english: "Same").other == nil)
  }
}
