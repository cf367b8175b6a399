import AuditTestSupport
import Foundation
import Testing

/// `--keep-going` never evaluates an older manifest in place of a newest one that failed to load:
/// that platform's results are `error`, naming the file.
@Suite(.serialized) struct KeepGoingTests {
  @Test func aBrokenNewestVersionGivesErrorsNotTheOlderVersion() throws {
    let scratch = try AuditBinary.Scratch()
    let e2e = AuditBinary.fixtures.appendingPathComponent("e2e")
    for directory in ["manifests", "rules"] {
      try FileManager.default.copyItem(at: e2e.appendingPathComponent(directory), to: scratch.url.appendingPathComponent(directory))
    }
    try Data("""
      kind: platform
      id: douyin
      name: 抖音
      categories: [instant-messaging, short-video]
      jurisdictions: [CN]
      as_of: 2021-11-30
      capabilities: {links: {wechat: {private_chat: direct}}}
      unexpected: 1

      """.utf8).write(to: scratch.url.appendingPathComponent("manifests/douyin-2.yaml"))
    let run = try AuditBinary.run(
      ["run", "manifests", "--rules", "rules", "--as-of", "2021-12-01", "--format", "json", "--output", "out",
       "--fail-on", "none", "--keep-going"], in: scratch.url)
    #expect(run.status == 2)
    #expect(run.stderr.contains("manifests/douyin-2.yaml:8:1: error: unknown key 'unexpected'"))
    let data = try Data(contentsOf: scratch.url.appendingPathComponent("out/results.json"))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let results = try #require(json["results"] as? [[String: Any]])
    let douyin = results.filter { $0["platform"] as? String == "douyin" && $0["counterparty"] == nil }
    #expect(!douyin.isEmpty)
    for result in douyin {
      #expect(result["status"] as? String == "error")
      #expect((result["reason"] as? String)?.contains("manifests/douyin-2.yaml") == true)
    }
  }
}

/// `audit diff . manifests` reads rules/ under `.` and as --rules: one input, by real path.
@Suite struct DiffRealPathTests {
  @Test func theSameRuleFileReachedTwoWaysIsReadOnce() throws {
    let scratch = try AuditBinary.Scratch()
    let e2e = AuditBinary.fixtures.appendingPathComponent("e2e")
    for directory in ["manifests", "rules"] {
      try FileManager.default.copyItem(at: e2e.appendingPathComponent(directory), to: scratch.url.appendingPathComponent(directory))
    }
    let run = try AuditBinary.run(
      ["diff", ".", "manifests", "--rules", "rules", "--as-of", "2021-12-01", "--output", "out", "--fail-on", "none"],
      in: scratch.url)
    #expect(!run.stderr.contains("declared twice"), "\(run.stderr)")
    #expect(run.status == 0, "\(run.stderr)")
  }
}
