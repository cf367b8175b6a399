@testable import AuditCore
import Testing

/// `Message.fill` scans its pattern as bytes: placeholders are found around non-ASCII text, a
/// value that holds braces is written as it is, and a brace that never closes stays literal.
@Suite struct MessageFillTests {
  static func filled(_ pattern: String, _ values: [String: String]) -> String {
    var out = ""
    Message.fill(pattern, into: &out) { name, out in out += values[String(name)] ?? "<\(name)>" }
    return out
  }

  @Test func placeholdersAmongNonASCIIText() {
    #expect(Self.filled("「{a}」は{b}です", ["a": "微信", "b": "é\u{301}"]) == "「微信」は\u{E9}\u{301}です")
  }

  @Test func valuesWithBracesAreNotReadAgain() {
    #expect(Self.filled("{a} and {b}", ["a": "{b}", "b": "x}"]) == "{b} and x}")
  }

  @Test func anUnclosedBraceStaysLiteral() {
    #expect(Self.filled("{a} then {open", ["a": "1"]) == "1 then {open")
    #expect(Self.filled("no placeholders", [:]) == "no placeholders")
  }

  @Test func nestedMessagesRenderInPlace() {
    let inner = Message(.scopeCategories, ["values": .text("chat, 购物")])
    let outer = Message(.outOfScope, ["scope": .message(.sentences([inner, inner]))])
    #expect(outer.english == "out of scope: applies to categories [chat, 购物]; categories [chat, 购物]")
  }
}
