import AuditTestSupport
import Foundation
import Testing

/// The shipped Chinese sample (manifests/cn, Rules/cn-interop) end to end, as of the seed article's day: the failures
/// the sources settle show on WeChat without any waiver, and the non-discrimination finding
/// names the better-treated affiliate with the leaf that actually failed.
@Suite(.serialized) struct SampleCaseTests {
  let root = AuditBinary.packageRoot

  func run(asOf: String) throws -> (results: [[String: Any]], report: String) {
    let scratch = try AuditBinary.Scratch()
    let run = try AuditBinary.run(
      ["run", "manifests/cn", "--rules", "Rules/cn-interop", "--as-of", asOf, "--format", "markdown,json",
       "--output", scratch.url.path, "--fail-on", "none"], in: root)
    #expect(run.status == 0, "\(run.stderr)")
    let data = try Data(contentsOf: scratch.url.appendingPathComponent("results.json"))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let results = try #require(json["results"] as? [[String: Any]])
    let report = try String(contentsOf: scratch.url.appendingPathComponent("report.md"), encoding: .utf8)
    return (results, report)
  }

  func status(_ results: [[String: Any]], _ obligation: String, _ platform: String, _ counterparty: String? = nil) -> String? {
    results.first {
      $0["obligation"] as? String == obligation && $0["platform"] as? String == platform
        && $0["counterparty"] as? String == counterparty
    }?["status"] as? String
  }

  @Test func theSeedsFailuresOnWeChatShowWithoutWaivers() throws {
    let (results, report) = try run(asOf: "2021-12-02")
    #expect(status(results, "CN-LINK-GROUP", "wechat", "douyin") == "fail")
    #expect(status(results, "CN-LINK-OWN-CONTENT", "wechat", "douyin") == "fail")
    #expect(status(results, "CN-LINK-CHOICE", "wechat") == "fail")
    #expect(status(results, "CN-LINK-NONDISCRIM", "wechat", "taobao") == "fail")
    #expect(!results.contains { $0["status"] as? String == "waived" })
    // The sentence is about the web API (the leaf that failed), naming JD and Tencent's stake.
    #expect(report.contains("gives 京东 JD 'granted' (腾讯 Tencent holds 17 %"))
    #expect(report.contains("but gives 淘宝 Taobao 'blocked' (open\\_platform.grants.\\{counterparty\\}.web\\_api)")
      || report.contains("but gives 淘宝 Taobao 'blocked' (open_platform.grants.{counterparty}.web_api)"))
  }

  @Test func onTheDeadlineDayTaobaoLinksWereTreatedWorseThanJDs() throws {
    let (results, report) = try run(asOf: "2021-09-17")
    #expect(status(results, "CN-LINK-NONDISCRIM", "wechat", "taobao") == "fail")
    #expect(report.contains("gives 京东 JD 'direct'"))
    #expect(report.contains("but gives 淘宝 Taobao 'copy\\_out'") || report.contains("but gives 淘宝 Taobao 'copy_out'"))
  }
}
