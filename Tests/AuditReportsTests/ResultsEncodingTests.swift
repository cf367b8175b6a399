import AuditCore
import AuditTestSupport
import Foundation
import Testing

/// results/2 (one result a line, locations into the inputs table, defaults left out), read back
/// as written, results/1 still read, and `audit diff`'s walk equal to the in-memory comparison.
@Suite struct ResultsEncodingTests {
  /// The reports fixture's document (its inputs, packs and summary) with these results.
  static func document(_ results: [Result]) throws -> ResultsDocument {
    var document = try ReportFixtures.document()
    document.results = results
    return document
  }

  /// The first input of the reports fixture: where `result`'s first check is.
  static func firstInput() throws -> String { try #require(try ReportFixtures.document().inputs.first?.path) }

  static func result(platform: String = "chat", counterparty: String? = "shop", status: Status = .fail,
                     obligation: String = "O-1", pack: String = "p", found: String = "blocked",
                     file: String = "manifests/chat.yaml") -> Result {
    var check = Check(path: "links.inbound.\(counterparty ?? "x").private_chat", platform: platform, state: .value,
      found: found, required: "at least 'interstitial'", status: status,
      location: SourceLocation(file: file, line: 7, column: 21))
    check.method = .test
    var other = check
    other.platform = "shop"
    other.wildcard = true
    other.location = SourceLocation(file: "elsewhere/shop.yaml", line: 3, column: 5)
    var result = Result(obligation: obligation, pack: pack, platform: platform, counterparty: counterparty,
      status: status, severity: .high, reason: "r \(status.rawValue) \(found)", location: check.location,
      checks: [check, other])
    // As the engine sums it up: the weakest method among the values it rests on.
    result.evidenceStrength = .test
    return result
  }

  /// A result as reciprocity writes it: no evidence, and its first check's message is its reason.
  static func unevidenced(file: String) -> Result {
    var result = Self.result(counterparty: "feed", file: file)
    for i in result.checks.indices { result.checks[i].method = nil }
    result.checks[0].message = result.reason
    result.evidenceStrength = EvidenceStrength.none
    return result
  }

  @Test func aResultIsOneLineWithLocationsIntoTheInputs() throws {
    let text = String(decoding: try Self.document([Self.result(file: try Self.firstInput())]).encoded(), as: UTF8.self)
    let line = try #require(text.split(separator: "\n").first { $0.contains("\"obligation\"") })
    #expect(line.hasPrefix("    {\"obligation\":\"O-1\",\"pack\":\"p\",\"platform\":\"chat\",\"counterparty\":\"shop\",\"status\":\"fail\""))
    #expect(line.contains("\"location\":[0,7,21]"))
    // The first check is the result's platform's, a value and no wildcard: none of it is written.
    #expect(line.contains("{\"path\":\"links.inbound.shop.private_chat\",\"found\":\"blocked\""))
    // The second names its platform, its wildcard and a file that is not an input by its path.
    #expect(line.contains("\"platform\":\"shop\",\"found\""))
    #expect(line.contains("\"location\":[\"elsewhere/shop.yaml\",3,5]"))
    #expect(line.contains("\"wildcard\":true"))
    #expect(!line.contains("\"evidence\":[]"))
    // The reason in English, then as its message.
    #expect(line.contains("\"reason\":\"r fail ") && line.contains("\"reason_message\":{\"id\":\"message.verbatim\""))
    #expect(text.contains("\"schema\": \"interop-audit/results/2\""))
  }

  @Test func results2ReadsBackAsWritten() throws {
    var bare = Self.result(counterparty: "video", status: .pass, file: try Self.firstInput())
    bare.checks = []
    bare.evidenceStrength = nil
    let results = [Self.result(file: try Self.firstInput()), Self.unevidenced(file: try Self.firstInput()), bare]
    let line = try #require(String(decoding: try Self.document(results).encoded(), as: UTF8.self)
      .split(separator: "\n").first { $0.contains("\"counterparty\":\"feed\"") })
    // Strength `none` on a result that rests on values, and a message that is the reason, say nothing new.
    #expect(!line.contains("evidence_strength") && line.contains("\"message\":\"\""))
    let decoded = try ResultsDocument.decode(try Self.document(results).encoded(), path: "results.json")
    #expect(decoded.results == results)
    let reader = try ResultsReader(data: try Self.document(results).encoded(), path: "results.json")
    #expect(try reader.all() == results)
    let inputs = try Self.document([]).inputs
    #expect(reader.document.results.isEmpty && reader.document.inputs == inputs)
  }

  @Test func anIndexOutsideTheInputsIsRefusedWithItsPlace() throws {
    var text = String(decoding: try Self.document([Self.result(file: try Self.firstInput())]).encoded(), as: UTF8.self)
    text = text.replacingOccurrences(of: "[0,7,21]", with: "[99,7,21]")
    #expect(throws: DiagnosticError.self) { try ResultsDocument.decode(Data(text.utf8), path: "r.json") }
    let reader = try ResultsReader(data: Data(text.utf8), path: "r.json")
    do {
      _ = try reader.all()
      Issue.record("an index outside the inputs was read")
    } catch let failure as DiagnosticError {
      // The result's own location is the first with the index: the message names that key.
      #expect(failure.diagnostics.first?.description.contains("at 'results[0].location[0]': input 99 is not in the inputs table") == true,
        "\(failure.diagnostics)")
    }
  }

  /// A results/1 document written by the last results/1 build (`Tests/Fixtures/diff/results-1.json`,
  /// the diff fixture's old side as of 2021-09-17) reads as the same results the engine gives
  /// now, and diffs against a results/2 document of the same run with nothing changed.
  @Test func aResults1DocumentDiffsAgainstAResults2One() throws {
    let path = Fixtures.root.appendingPathComponent("diff/results-1.json").path
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(String(decoding: data.prefix(80), as: UTF8.self).contains("interop-audit/results/1"))
    let all = try Fixtures.files("diff")
    let side = DiffInput.evaluate(.manifests("Tests/Fixtures/diff/old"), files: all.filter { $0.path.contains("/old/") },
      rules: all.filter { $0.path.hasSuffix("/rules.yaml") }, asOf: Day("2021-09-17")!)
    let old = DiffInput.load(.results(path), rules: [], asOf: Day("2021-09-17")!)
    #expect(old.diagnostics.isEmpty, "\(old.diagnostics)")
    #expect(try old.allResults() == side.results)
    let written = FileManager.default.temporaryDirectory.appendingPathComponent("results2-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: written) }
    let workspace = Workspace.load(files: all.filter { $0.path.contains("/old/") || $0.path.hasSuffix("/rules.yaml") })
    let evaluation = Engine(packs: workspace.packs, asOf: Day("2021-09-17")!).evaluate(manifests: workspace.manifests)
    try ResultsDocument(workspace: workspace, evaluation: evaluation).encoded().write(to: written)
    let new = DiffInput.load(.results(written.path), rules: [], asOf: Day("2021-09-17")!)
    let diff = try DiffDocument(old: old, new: new)
    #expect(!diff.entries.isEmpty)
    #expect(diff.entries.allSatisfy { $0.change == .unchanged }, "\(diff.entries.filter { $0.change != .unchanged })")
  }

  /// results/2 of the reports fixture is under 55% of the same results written the results/1
  /// way (every location an object, every default written, pretty).
  @Test func results2IsLessThanHalfOfResults1() throws {
    let document = try ReportFixtures.document()
    let dense = try ResultsDocument.resultEncoder(inputs: document.inputs).encodeEntries(document.results, depth: 2)
    let legacy = try OrderedJSONEncoder().encodeEntries(document.results, depth: 2)
    #expect(Double(dense.count) <= 0.55 * Double(legacy.count), "\(dense.count) vs \(legacy.count) bytes")
  }

  // MARK: - The walk

  /// A small random generator, seeded: the same cases on every run.
  struct Random {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return Int((state >> 33) % UInt64(bound))
    }
  }

  /// Results of random keys and statuses, in document order (packs q before p, as a run with
  /// q's file first would write them).
  static func side(_ random: inout Random) -> [Result] {
    var results: [Result] = []
    for pack in ["q", "p"] {
      for obligation in ["A", "B", "C"] {
        for platform in ["chat", "shop", "video"] {
          for counterparty in [nil, "shop", "video"] as [String?] where random.next(3) > 0 {
            let status = Status.allCases[random.next(Status.allCases.count)]
            results.append(result(platform: platform, counterparty: counterparty, status: status,
              obligation: "\(pack)-\(obligation)", pack: pack, found: ["blocked", "direct"][random.next(2)]))
          }
        }
      }
    }
    return results
  }

  static func diffSide(_ results: [Result]) -> DiffSide {
    DiffSide(source: .manifests("m"), asOf: nil, results: results, platforms: [], inputs: [], packs: ["q", "p"],
      diagnostics: [])
  }

  @Test(arguments: 0..<40)
  func theWalkEqualsTheInMemoryComparison(seed: Int) throws {
    var random = Random(state: UInt64(seed) &+ 20211202)
    var (old, new) = (Self.side(&random), Self.side(&random))
    // Every fourth case is out of document order on one side: the walk must still agree.
    if seed % 4 == 3 { old.reverse() }
    let walked = try ResultsDiff.walk(old: Self.diffSide(old), new: Self.diffSide(new))
    let expected = ResultsDiff.compare(old: old, new: new).map { entry -> DiffEntry in
      guard entry.change == .unchanged else { return entry }
      var trimmed = entry
      trimmed.before = nil
      trimmed.after = nil
      return trimmed
    }
    #expect(walked == expected)
  }

  @Test func aResultsFileThatRepeatsAKeyIsRefused() throws {
    let data = try Self.document([Self.result(), Self.result()]).encoded()
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("twice-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: path) }
    try data.write(to: path)
    let side = DiffInput.load(.results(path.path), rules: [], asOf: Day("2021-12-02")!)
    #expect(throws: DiagnosticError.self) { try DiffDocument(old: side, new: Self.diffSide([])) }
  }
}
