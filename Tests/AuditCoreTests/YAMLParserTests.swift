import Foundation
import Testing

@testable import AuditCore

/// The YAML layer: locations, duplicate keys, core-schema scalars, and the limits that turn
/// hostile files into clear errors.
@Suite struct YAMLParserTests {
  private func parse(_ text: String, limits: YAMLLimits = .default) -> YAMLParser.Output {
    YAMLParser.parse(text, file: "f.yaml", limits: limits)
  }

  @Test func everyNodeKnowsItsLineAndColumn() throws {
    let output = parse("a:\n  b: [1, two]\n  c: {d: x}\n")
    let root = try #require(output.documents.first?.root)
    let b = try #require(root["a"]?["b"])
    #expect(b.location.description == "f.yaml:2:6")
    #expect(b.elements.map(\.location.description) == ["f.yaml:2:7", "f.yaml:2:10"])
    #expect(root["a"]?["c"]?["d"]?.location.description == "f.yaml:3:10")
  }

  @Test func columnsCountCharactersNotBytes() throws {
    let output = parse("名称: 微信\nx: y\n")
    let root = try #require(output.documents.first?.root)
    #expect(root["名称"]?.location.description == "f.yaml:1:5")
  }

  @Test func duplicateKeysAreErrorsNotLastWins() {
    let output = parse("id: a\nname: n\nid: b\n")
    #expect(output.diagnostics.map(\.description) == [
      "f.yaml:3:1: error: duplicate key 'id' (first at 1:1) — YAML keeps only one of them; remove or rename one"
    ])
  }

  @Test func duplicateKeysInNestedFlowMappingsAreFound() {
    let output = parse("a: {x: 1, y: 2, x: 3}\n")
    #expect(output.diagnostics.map(\.description) == [
      "f.yaml:1:17: error: duplicate key 'x' (first at 1:5) — YAML keeps only one of them; remove or rename one"
    ])
  }

  @Test func nonScalarAndMergeKeysAreRefused() {
    let output = parse("? [a]\n: 1\nbase: &b {x: 1}\nother:\n  <<: *b\n")
    #expect(output.diagnostics.map(\.description) == [
      "f.yaml:1:3: error: mapping keys must be plain strings, not a list",
      "f.yaml:5:3: error: merge keys ('<<') are not supported — write the keys out; YAML 1.2 has no merge key",
    ])
  }

  @Test(arguments: [
    ("NO", Scalar.string("NO")), ("off", .string("off")), ("yes", .string("yes")),
    ("y", .string("y")), ("true", .bool(true)), ("False", .bool(false)), ("~", .null),
    ("null", .null), ("", .null), ("1.10", .decimal(ExactNumber(decimal: "1.1")!)), ("'1.10'", .string("1.10")),
    ("0x1F", .int(31)), ("0o17", .int(15)), ("-3", .int(-3)), ("1e3", .decimal(ExactNumber(1000))),
    (".inf", .decimal(.infinity(negative: false))), ("2021-09-17", .string("2021-09-17")), ("!!str 12", .string("12")),
    ("\"true\"", .string("true")), ("1_000", .string("1_000")), (".", .string(".")),
  ])
  func scalarsFollowTheCoreSchema(text: String, expected: Scalar) throws {
    let root = try #require(parse("v: \(text)\n").documents.first?.root)
    #expect(root["v"]?.scalar == expected)
  }

  @Test func rawTextIsKeptForFieldsThatWantStrings() throws {
    let root = try #require(parse("v: 1.10\nw: NO\n").documents.first?.root)
    #expect(root["v"]?.text == "1.10")
    #expect(root["w"]?.text == "NO")
  }

  @Test func aliasesShareTheirAnchorsNode() throws {
    let root = try #require(parse("a: &x {k: v}\nb: *x\n").documents.first?.root)
    #expect(root["b"]?["k"]?.text == "v")
    #expect(root["b"]?.location == root["a"]?.location)
  }

  @Test func billionLaughsIsRefusedQuicklyWithBoundedWork() {
    var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for i in 1...9 {
      text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
    }
    let output = parse(text)
    #expect(output.documents.isEmpty)
    #expect(output.diagnostics.map(\.description) == [
      "f.yaml:6:45: error: aliases expand to more than 1000000 nodes — this looks like an alias bomb (\"billion laughs\"); write the values out"
    ])
  }

  @Test func deepNestingIsAnErrorNotAStackOverflow() {
    let output = parse(String(repeating: "[", count: 100_000))
    #expect(output.diagnostics.map(\.description) == [
      "f.yaml:1:201: error: nesting is deeper than 200 levels — flatten the structure; no file kind needs this depth"
    ])
  }

  @Test func deepNestingOfBlockMappingsIsAnErrorToo() {
    var text = ""
    for depth in 0..<300 { text += String(repeating: " ", count: depth) + "k:\n" }
    let output = parse(text)
    #expect(output.diagnostics.first?.message == "nesting is deeper than 200 levels")
  }

  @Test func nodeCountIsLimited() {
    let text = "[" + Array(repeating: "x", count: 2_000).joined(separator: ",") + "]"
    let output = parse(text, limits: YAMLLimits(maxNodes: 1_000))
    #expect(output.diagnostics.map(\.message) == ["the file has more than 1000 nodes"])
  }

  @Test func recursiveAndDanglingAliasesAreErrors() {
    #expect(parse("a: &a [*a]\n").diagnostics.map(\.description) == [
      "f.yaml:1:8: error: alias '*a' refers to a node that contains it — recursive structures are not allowed"
    ])
    #expect(parse("a: *nowhere\n").diagnostics.first?.description.hasPrefix("f.yaml:1:4: error: YAML syntax: found undefined alias") ?? false
      || parse("a: *nowhere\n").diagnostics.first?.message == "alias '*nowhere' has no anchor '&nowhere' before it")
  }

  @Test func invalidUTF8IsReportedWithItsPosition() {
    let bytes: [UInt8] = Array("kind: platform\nid: ab".utf8) + [0xFF, 0xFE] + Array("\n".utf8)
    let output = YAMLParser.parse(bytes, file: "f.yaml")
    #expect(output.diagnostics.map(\.description) == [
      "f.yaml:2:7: error: invalid UTF-8: invalid leading UTF-8 octet — save the file as UTF-8 text"
    ])
  }

  @Test func syntaxErrorsNameLineColumnAndContext() {
    let output = parse("a: [1, 2\nb: c\n")
    #expect(output.diagnostics.map(\.description) == [
      "f.yaml:2:2: error: YAML syntax: did not find expected ',' or ']' (while parsing a flow sequence at 1:4)"
    ])
  }

  @Test func placeholderPathsInFlowMappingsGetAHint() {
    let output = parse("r: {path: a.{counterparty}.b, exists: true}\n")
    #expect(output.diagnostics.first?.hint == "inside {...} flow style, quote paths that contain {counterparty}: 'a.{counterparty}.b'")
  }

  @Test func severalDocumentsInOneFile() {
    let output = parse("a: 1\n---\nb: 2\n")
    #expect(output.documents.count == 2)
    #expect(output.documents[1].root["b"]?.location.description == "f.yaml:3:4")
  }
}
