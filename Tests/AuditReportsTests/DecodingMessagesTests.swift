import AuditCore
import AuditReports
import Foundation
import Testing

/// The loader's commonest diagnostics are typed messages: their English is what the loader has
/// always printed, and a Chinese report says them in Chinese.
@Suite struct DecodingMessagesTests {
  static let broken = """
    kind: platform
    id: wechat
    as_of: 2021-12-02
    categories: instant-messaging
    capabilites: {}
    evidence:
      - {path: links, method: test}
    id: again

    """

  static func diagnostics() -> [Diagnostic] {
    Workspace.load(files: [SourceFile.parse(Array(broken.utf8), path: "test.yaml")]).diagnostics.sorted()
  }

  @Test func theEnglishIsTheLoadersAndEachIsTyped() throws {
    let diagnostics = Self.diagnostics()
    #expect(diagnostics.map(\.description) == [
      "test.yaml:4:13: error: 'categories' must be a list, found 'instant-messaging' — write [instant-messaging]",
      "test.yaml:5:1: error: unknown key 'capabilites' in a platform manifest — did you mean 'capabilities'?",
      "test.yaml:7:5: error: missing required key 'source' in an evidence entry",
      "test.yaml:8:1: error: duplicate key 'id' (first at 2:1) — YAML keeps only one of them; remove or rename one",
    ])
    for diagnostic in diagnostics {
      let typed = try #require(diagnostic.typed, "\(diagnostic)")
      #expect(typed.message.english == diagnostic.message)
      #expect(typed.hint?.english == diagnostic.hint)
    }
  }

  @Test func aChineseReportSaysThemInChinese() throws {
    let chinese = try Self.diagnostics().map { diagnostic in
      let typed = try #require(diagnostic.typed)
      return [Messages.chinese.render(typed.message)] + (typed.hint.map { [Messages.chinese.render($0)] } ?? [])
    }
    #expect(chinese == [
      ["'categories' 必须是列表，实为 'instant-messaging'", "请写作 [instant-messaging]"],
      ["平台清单中有未知的键 'capabilites'", "是否想写 'capabilities'？"],
      ["证据条目缺少必需的键 'source'"],
      ["重复的键 'id'（首次出现于 2:1）", "YAML 只保留其中一个；请删除或重命名其一"],
    ])
  }

  /// A wrong type names what it found in the report's language, and a misspelt key with no near
  /// name lists the keys.
  @Test func wrongTypesAndUnknownKeysWithoutASuggestion() throws {
    let files = [SourceFile.parse(Array("kind: waivers\nwaivers: [{obligation: [x], zzzzzzzz: 1}]\n".utf8), path: "w.yaml")]
    let diagnostics = Workspace.load(files: files).diagnostics.sorted()
    let wrongType = try #require(diagnostics.first { $0.message.hasPrefix("'obligation'") }?.typed)
    #expect(wrongType.message.english == "'obligation' must be a string, found a list")
    #expect(Messages.chinese.render(wrongType.message) == "'obligation' 必须是字符串，实为 列表")
    let unknown = try #require(diagnostics.first { $0.message.hasPrefix("unknown key") }?.typed)
    #expect(unknown.message.english == "unknown key 'zzzzzzzz' in a waiver")
    #expect(unknown.hint?.english.hasPrefix("expected one of: ") == true)
    #expect(Messages.chinese.render(try #require(unknown.hint)).hasPrefix("应为以下之一："))
  }
}
