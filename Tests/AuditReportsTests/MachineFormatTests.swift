import AuditCore
import AuditReports
import Foundation
import Testing

/// SARIF, OSCAL, JUnit and CSV: the properties their consumers rely on.
@Suite struct MachineFormatTests {
  static func json(_ name: String, _ format: any ReportFormat.Type) throws -> [String: Any] {
    let text = try #require(try ReportFixtures.render([format])[name])
    return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test func sarifHasOneRulePerObligationAndStableFingerprints() throws {
    let log = try Self.json("results.sarif", SARIFReport.self)
    #expect(log["version"] as? String == "2.1.0")
    let run = try #require((log["runs"] as? [[String: Any]])?.first)
    let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
    let rules = try #require(driver["rules"] as? [[String: Any]])
    let ids = rules.compactMap { $0["id"] as? String }
    #expect(ids == ["FX-FUTURE", "FX-LINK-PRIVATE", "FX-NONDISCRIM", "FX-PAY", "FX-PHASED", "FX-RECIPROCAL"])
    // No helpUri for the javascript: basis, one for the https basis.
    #expect(rules[1]["helpUri"] == nil)
    #expect(rules[3]["helpUri"] as? String == "https://example.org/pay_rules_(2021)?a=1&b=2")
    let results = try #require(run["results"] as? [[String: Any]])
    let document = try ReportFixtures.document()
    #expect(results.count == document.results.filter { [.fail, .unknown, .error].contains($0.status) }.count)
    let fingerprints = results.compactMap { ($0["partialFingerprints"] as? [String: String])?.values.first }
    #expect(Set(fingerprints).count == results.count)
    let unknown = try #require(results.first { ($0["properties"] as? [String: Any])?["status"] as? String == "unknown" })
    #expect(unknown["kind"] as? String == "review" && unknown["level"] as? String == "none")
    let shopE = try #require(results.first { ($0["properties"] as? [String: Any])?["platform"] as? String == "shop-e" })
    let location = try #require((shopE["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
    let artifact = try #require(location["artifactLocation"] as? [String: Any])
    #expect(artifact["uri"] as? String == "manifests/%E5%95%86%E5%BA%97%20e.yaml")
    #expect(artifact["uriBaseId"] as? String == "SRCROOT")
  }

  /// Fingerprints are SHA-256 of the result key, pinned to digests computed outside Swift
  /// (Python's hashlib), and every SARIF result's fingerprint is that of its own key.
  @Test func fingerprintsDependOnlyOnTheResultKey() throws {
    #expect(DeterministicID.sha256("FX-PAY|shop-b|") == "469f9fa1bab50113dc7fae85788195beec98d9f503299a5ec1045ba553e10dfc")
    #expect(DeterministicID.sha256("FX-PAY|shop-d|") == "f7d5148d32b107c40333a4ab1f621b4ba9403f0fe2004365cde9467986cc82ad")
    let document = try ReportFixtures.document()
    let log = try Self.json("results.sarif", SARIFReport.self)
    let results = try #require(((log["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
    let keys = Set(document.results.map { DeterministicID.sha256($0.key) })
    for result in results {
      let fingerprint = try #require((result["partialFingerprints"] as? [String: String])?[SARIFReport.fingerprintKey])
      #expect(keys.contains(fingerprint), "\(fingerprint) is no result's key")
    }
  }

  @Test func oscalUUIDsAreVersion5AndUnique() throws {
    let root = try Self.json("oscal-assessment-results.json", OSCALReport.self)
    let ar = try #require(root["assessment-results"] as? [String: Any])
    let metadata = try #require(ar["metadata"] as? [String: Any])
    #expect(metadata["last-modified"] as? String == "2024-06-01T00:00:00Z")
    let result = try #require((ar["results"] as? [[String: Any]])?.first)
    let observations = try #require(result["observations"] as? [[String: Any]])
    let findings = try #require(result["findings"] as? [[String: Any]])
    let document = try ReportFixtures.document()
    #expect(findings.count == document.results.count)
    // Each platform's manifest is observed once, however many findings rest on it.
    let named = findings.flatMap { ($0["related-observations"] as? [[String: Any]] ?? []).compactMap { $0["observation-uuid"] as? String } }
    #expect(Set(named) == Set(observations.compactMap { $0["uuid"] as? String }))
    #expect(observations.count < document.results.count)
    let uuids = (observations + findings).compactMap { $0["uuid"] as? String }
    #expect(Set(uuids).count == uuids.count)
    let pattern = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
    for uuid in uuids { #expect(uuid.wholeMatch(of: pattern) != nil, "\(uuid)") }
    // Version-5-style UUID of SHA-256("interop-audit\0x"), computed with Python's hashlib.
    #expect(DeterministicID.uuid("x") == "2352e049-197f-591e-bb54-ed7e1bba91bb")
  }

  @Test func junitCountsFailuresAndErrors() throws {
    let xml = try #require(try ReportFixtures.render([JUnitReport.self])["junit.xml"])
    let document = try ReportFixtures.document()
    let s = document.summary.byStatus
    #expect(xml.contains("tests=\"\(document.results.count)\" failures=\"\(s.fail)\" errors=\"\(s.error)\" skipped=\"\(s.unknown + s.waived + s.notApplicable)\""))
    #expect(xml.components(separatedBy: "<testcase ").count - 1 == document.results.count)
    #expect(!xml.contains("<script"))
  }

  @Test func csvHasOneRowPerResult() throws {
    let csv = try #require(try ReportFixtures.render([CSVReport.self])["results.csv"])
    let document = try ReportFixtures.document()
    #expect(csv.hasPrefix(CSVReport.header.joined(separator: ",") + "\r\n"))
    // Quoted fields may hold line breaks; count record ends outside quotes.
    var records = 0
    var quoted = false
    for scalar in csv.unicodeScalars {
      if scalar == "\"" { quoted.toggle() } else if scalar == "\r" && !quoted { records += 1 }
    }
    #expect(records == document.results.count + 1)
  }
}
