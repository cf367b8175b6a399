import Testing
@testable import AuditCore

/// `audit explain` wraps long values and indents their continuation lines under the value.
@Suite struct ExplanationWrapTests {
  @Test func aLongValueGoesOnUnderItself() {
    let words = Array(repeating: "word", count: 40).joined(separator: " ")
    let lines = Explanation.indented("basis:      " + words)
    #expect(lines.count > 1)
    #expect(lines.allSatisfy { $0.count <= Explanation.width })
    #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("            word") })
    #expect(lines.joined(separator: " ").split(separator: " ").filter { $0 == "word" }.count == 40)
  }

  @Test func anIndentedBlockAndItsOwnLineBreaksKeepTheirIndent() {
    #expect(Explanation.indented("  first\nsecond") == ["  first", "  second"])
    let chinese = String(repeating: "对", count: 80)
    let lines = Explanation.indented("  " + chinese)
    // Wide characters count two columns and may break anywhere.
    #expect(lines.count == 2)
    #expect(lines[1].hasPrefix("  对"))
  }

  @Test func aShortLineIsLeftAlone() {
    #expect(Explanation.indented("pack:       cn-interop") == ["pack:       cn-interop"])
    #expect(Explanation.indented("") == [""])
  }
}
