import AuditCore
import Foundation
import Testing

/// `audit diff` reads results field by field (`ResultsReader`); `ResultsDocument.decode` reads
/// the same bytes with `JSONDecoder` and the Codable conformances. The two must give the same
/// results, for the engine's results and for hostile strings, in results/1 and results/2, and
/// must refuse the same bytes.
@Suite struct ResultEntryDecoderTests {
  /// Both versions of a document's bytes: results/2 as `audit run` writes it, and results/1
  /// (locations as objects, every check's platform and wildcard, empty lists written).
  static func versions(_ document: ResultsDocument) throws -> [(String, Data)] {
    var old = document
    old.schema = "interop-audit/results/1"
    return [("results/2", try document.encoded()), ("results/1", try OrderedJSONEncoder().encode(old))]
  }

  /// The fast reader's results and the Codable decoder's, of the same bytes; `nil` for a
  /// decoder that refused them.
  static func both(_ data: Data) -> (fast: [Result]?, codable: [Result]?) {
    let fast = try? ResultsReader(data: data, path: "results.json").all()
    let codable = try? ResultsDocument.decode(data, path: "results.json").results
    return (fast, codable)
  }

  @Test func theEnginesResultsReadTheSameBothWays() throws {
    let document = try ReportFixtures.document()
    #expect(document.results.count > 10)
    for (version, data) in try Self.versions(document) {
      let (fast, codable) = Self.both(data)
      #expect(fast != nil, "\(version)")
      #expect(fast == codable, "\(version)")
      #expect(fast == document.results, "\(version)")
    }
  }

  /// Strings that need every escape a writer may use, and text a reader must keep as is.
  static let hostile = [
    "quote \" and backslash \\ and slash /", "tab\tnew line\ncarriage\r", "\u{0}\u{1}\u{1F}\u{7F}",
    "non-BMP 😀 𝄞 and CJK 微信", "separators \u{2028}\u{2029}", "", "\\u0041 is not an escape here", "{\"a\":[1,2]}",
  ]

  @Test(arguments: 0..<24)
  func generatedHostileResultsReadTheSameBothWays(seed: Int) throws {
    var random = ResultsEncodingTests.Random(state: UInt64(seed) &+ 1207)
    func text() -> String { Self.hostile[random.next(Self.hostile.count)] + String(random.next(1000)) }
    var document = try ReportFixtures.document()
    let input = try #require(document.inputs.first?.path)
    document.results = (0..<6).map { n in
      var result = ResultsEncodingTests.result(platform: "p\(n)", counterparty: random.next(2) == 0 ? nil : text(),
        status: [.pass, .fail, .unknown, .error][random.next(4)], found: text(),
        file: random.next(2) == 0 ? input : text())
      result.reason = text()
      result.checks[0].message = random.next(2) == 0 ? nil : text()
      result.checks[1].phase = [nil, .condition, .phase(text())][random.next(3)]
      result.checks[0].source = text()
      result.checks[0].observed = Day("2021-11-29")
      result.evidence = [Evidence(path: text(), source: text(), observed: Day("2021-11-01"), method: .report,
        note: random.next(2) == 0 ? nil : text(), location: SourceLocation(file: input, line: 2, column: 3))]
      result.evidenceStrength = random.next(2) == 0 ? nil : .report
      result.evidenceSource = text()
      result.evidenceShortfall = random.next(2) == 0 ? nil : text()
      result.upcoming = random.next(2) == 0 ? nil : Upcoming(date: Day("2022-03-01")!, label: text(), status: .fail)
      return result
    }
    for (version, data) in try Self.versions(document) {
      let (fast, codable) = Self.both(data)
      #expect(fast != nil, "\(version)")
      #expect(fast == codable, "\(version)")
    }
  }

  /// A results/2 document whose first result's `found` is written as `raw` (JSON string content).
  static func withFound(_ raw: String) throws -> Data {
    var document = try ReportFixtures.document()
    document.results = [ResultsEncodingTests.result(found: "FOUND-HERE")]
    let text = String(decoding: try document.encoded(), as: UTF8.self)
    #expect(text.contains("\"FOUND-HERE\""))
    return Data(text.replacingOccurrences(of: "\"FOUND-HERE\"", with: "\"\(raw)\"").utf8)
  }

  @Test(arguments: [
    "\\ud83d\\ude00", "\\u00e9\\u0041", "\\/\\b\\f", "\\ud800", "\\udc00", "\\ud800\\u0041", "\\ud83d", "\\x",
    "raw\ttab", "\\u12", "\\uZZZZ",
  ])
  func escapesAreReadOrRefusedAsJSONDecoderDoes(raw: String) throws {
    let (fast, codable) = Self.both(try Self.withFound(raw))
    #expect(fast == codable)
  }

  @Test func aSurrogatePairIsOneScalar() throws {
    let fast = try ResultsReader(data: try Self.withFound("\\ud83d\\ude00"), path: "results.json").all()
    #expect(fast.first?.checks.first?.found == "😀")
  }

  @Test func unknownKeysAreSkipped() throws {
    var document = try ReportFixtures.document()
    document.results = [ResultsEncodingTests.result()]
    let text = String(decoding: try document.encoded(), as: UTF8.self)
      .replacingOccurrences(of: "{\"obligation\":", with: "{\"later\":{\"x\":[1,2.5e3,true,null,\"y\"]},\"obligation\":")
      .replacingOccurrences(of: "{\"path\":", with: "{\"also_later\":-3,\"path\":")
    let (fast, codable) = Self.both(Data(text.utf8))
    #expect(fast != nil)
    #expect(fast == codable)
    #expect(fast == document.results)
  }

  @Test func aMalformedEntryIsRefusedNamingItsKey() throws {
    var document = try ReportFixtures.document()
    document.results = [ResultsEncodingTests.result(), ResultsEncodingTests.result(platform: "video")]
    let text = String(decoding: try document.encoded(), as: UTF8.self)
    // The second result's first check gets a state no build knows.
    let second = try #require(text.range(of: "\"platform\":\"video\""))
    let checks = try #require(text.range(of: "\"checks\":[{", range: second.upperBound..<text.endIndex))
    let broken = text.replacingCharacters(in: checks, with: "\"checks\":[{\"state\":\"sideways\",")
    #expect(broken != text)
    let reader = try ResultsReader(data: Data(broken.utf8), path: "results.json")
    let cursor = reader.cursor()
    #expect(try cursor.next() != nil)
    let error = try #require(throws: DiagnosticError.self) { try cursor.next() }
    #expect(error.diagnostics.first?.message.contains("at 'results[1].checks[0].state'") == true,
      "\(error.diagnostics.first?.message ?? "")")
  }

  /// results/2 leaves out what a reader can tell: a result that rests on values and writes no
  /// `evidence_strength` rests on none; one that rests on no value has no strength.
  @Test func aMissingEvidenceStrengthIsNoneWhenTheResultRestsOnValues() throws {
    var document = try ReportFixtures.document()
    var bare = ResultsEncodingTests.result(platform: "video")
    bare.checks = []
    bare.evidenceStrength = nil
    var rests = ResultsEncodingTests.result()
    rests.evidenceStrength = nil
    document.results = [rests, bare]
    let (fast, codable) = Self.both(try document.encoded())
    #expect(fast == codable)
    #expect(fast?.map(\.evidenceStrength) == [EvidenceStrength.none, nil])
  }

  /// A check whose message is its result's reason is written `"message":""`; both decoders read
  /// the reason back.
  @Test func aCheckMessageWrittenEmptyIsTheReason() throws {
    var document = try ReportFixtures.document()
    let result = ResultsEncodingTests.unevidenced(file: try #require(document.inputs.first?.path))
    document.results = [result]
    let data = try document.encoded()
    #expect(String(decoding: data, as: UTF8.self).contains("\"message\":\"\""))
    let (fast, codable) = Self.both(data)
    #expect(fast == codable)
    #expect(fast?.first?.checks.first?.message == result.reason)
  }
}
