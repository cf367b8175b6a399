import AuditCore
import AuditTestSupport
import Foundation
import Testing

@testable import AuditReports

/// `audit run` streams: the engine hands results over in batches, the machine formats spool
/// them and write their documents around the spools, and the human reports read a digest. These
/// tests hold the streamed bytes to the bytes of the whole document rendered at once (which the
/// goldens hold to the files in `Tests/Fixtures`), whatever the batches.
@Suite struct StreamingReportTests {
  static let streamed = ReportFormats.all.compactMap { $0 as? any StreamingReportFormat.Type }

  /// The fixture document's results fed in batches of `sizes` (cycled) through spools on disk.
  static func streamedFiles(_ format: any StreamingReportFormat.Type, sizes: [Int], document: ResultsDocument) throws -> [ReportFile] {
    let spools = try SpoolStore.temporary()
    let stream = try format.init().stream(document.header, spools: spools)
    var start = 0
    var i = 0
    let results = document.results
    while start < results.count {
      let end = min(results.count, start + max(1, sizes[i % sizes.count]))
      let batch = Array(results[start..<end])
      try stream.stage(batch).commit()
      start = end
      i += 1
    }
    var finished = document
    finished.results = []
    return try stream.finish(ReportContext(document: finished, digest: ResultDigest(document.results, limit: nil)))
  }

  @Test(arguments: [[1], [2, 7, 1], [1_000], [3, 0, 5]])
  func streamedBytesEqualTheWholeDocumentRendered(sizes: [Int]) throws {
    let document = try ReportFixtures.document()
    #expect(document.results.count > 10)
    #expect(Set(Self.streamed.map { $0.identifier }) == ["json", "sarif", "junit", "csv", "oscal", "github"])
    // Held to the golden files, which `render` (itself a stream of one batch) does not write:
    // comparing with `render` would compare the streaming code with itself.
    for format in Self.streamed {
      let streamed = try Self.streamedFiles(format, sizes: sizes, document: document)
      #expect(!streamed.isEmpty)
      for file in streamed {
        let name = file.name == "github" || file.name.isEmpty ? "github-annotations.txt" : file.name
        let golden = try Data(contentsOf: TestPaths.fixtures.appendingPathComponent("golden/reports/\(name)"))
        let same = golden == file.contents
        #expect(same, "\(format.identifier) \(name) differs from its golden when streamed in batches of \(sizes)")
        #expect(file.size == file.contents.count)
        #expect(try file.sha256() == PDFReport.sha256(golden))
      }
    }
  }

  /// No results at all: arrays stay `[]`, and OSCAL leaves out its observations and findings.
  @Test func noResults() throws {
    var document = try ReportFixtures.document()
    document.results = []
    for format in Self.streamed {
      let whole = try format.init().render(ReportContext(document: document))
      let streamed = try Self.streamedFiles(format, sizes: [1], document: document)
      for (a, b) in zip(whole, streamed) {
        let same = a.contents == b.contents
        #expect(same, "\(format.identifier)")
      }
    }
    let json = try #require(try JSONReport().render(ReportContext(document: document)).first)
    let text = String(decoding: json.contents, as: UTF8.self)
    #expect(text.contains("\n  \"results\": [],\n"))
    let oscal = try #require(try OSCALReport().render(ReportContext(document: document)).first)
    let parsed = try JSONSerialization.jsonObject(with: oscal.contents) as? [String: Any]
    let set = ((parsed?["assessment-results"] as? [String: Any])?["results"] as? [[String: Any]])?.first
    #expect(set != nil)
    #expect(set?["observations"] == nil && set?["findings"] == nil)
  }

  /// The digest keeps per obligation the first findings and passes a report lists, and counts
  /// them all: the report model built from it lists what sorting every result would list.
  @Test(arguments: [1, 2, 3, 50])
  func digestListsWhatSortingAllWouldList(limit: Int) throws {
    let document = try ReportFixtures.document()
    let model = ReportModel(document, findingLimit: limit)
    let findings = document.results.filter { Finding.statuses.contains($0.status) }
    let byObligation = Dictionary(grouping: findings, by: \.obligation)
    #expect(model.findings.map(\.id).sorted() == byObligation.keys.sorted())
    for group in model.findings {
      let all = (byObligation[group.id] ?? []).sorted {
        ($0.status.order, $0.platform, $0.counterparty ?? "") < ($1.status.order, $1.platform, $1.counterparty ?? "")
      }
      #expect(group.total == all.count)
      // Fails and errors are listed one per result; unknowns fold by platform and cause.
      let listed = all.filter { $0.status != .unknown }
      #expect(group.findings.map(\.result.key) == listed.prefix(limit).map(\.key))
      #expect(group.worst == all.first?.status)
      #expect(group.omitted == max(0, listed.count - limit))
      let unknowns = all.filter { $0.status == .unknown }
      #expect(group.folds.reduce(0) { $0 + $1.count } + group.foldsOmitted == unknowns.count)
      #expect(group.folds.count <= limit)
    }
    let passes = Dictionary(grouping: document.results.filter { $0.status == .pass }, by: \.obligation)
    let expected = passes.keys.sorted().flatMap { id in
      (passes[id] ?? []).sorted {
        (($0.evidenceStrength ?? .none).rank, $0.platform, $0.counterparty ?? "")
          < (($1.evidenceStrength ?? .none).rank, $1.platform, $1.counterparty ?? "")
      }.prefix(limit)
    }
    #expect(model.passes.map(\.result.key) == expected.map(\.key))
    #expect(model.passesOmitted == passes.values.reduce(0) { $0 + $1.count } - expected.count)
  }

  /// The compliance matrix's counts come from the digest and add up to every result.
  @Test func matrixCountsEveryResult() throws {
    let document = try ReportFixtures.document()
    let model = ReportModel(document, findingLimit: 1)
    let total = model.compliance.reduce(0) { $0 + $1.totals.total }
    #expect(total == document.results.count)
    #expect(total == document.summary.results)
  }
}

/// A spool beyond a megabyte lives in a file: read back, hashed and copied (releasing it as it
/// goes) it gives the bytes appended, in order.
@Suite struct SpoolTests {
  @Test func aSpoolInAFileGivesBackItsBytes() throws {
    let store = try SpoolStore.temporary()
    let spool = try store.make()
    var expected = Data()
    for i in 0..<3_000 {
      let chunk = Data((0..<997).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ i) })
      try spool.append(chunk)
      expected.append(chunk)
    }
    let file = ReportFile(name: "x", parts: [.bytes(Data("head".utf8)), .spool(spool), .bytes(Data("tail".utf8))])
    let whole = Data("head".utf8) + expected + Data("tail".utf8)
    #expect(file.size == whole.count)
    // Compared as Bools: a failed `==` on megabytes would have the test library diff them.
    let same = file.contents == whole
    #expect(same)
    #expect(try file.sha256() == PDFReport.sha256(whole))
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("spool-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
    #expect(fd >= 0)
    try file.write(to: fd, releasing: true)
    close(fd)
    let copied = try Data(contentsOf: URL(fileURLWithPath: path)) == whole
    #expect(copied)
  }
}
