import AuditCore
import Foundation
import Testing

/// The "changes since the previous version" that results carry per platform.
@Suite struct ResultsDocumentTests {
  func document(asOf: String) throws -> ResultsDocument {
    let workspace = TimelineSamples.workspace(versions: [TimelineSamples.v1, TimelineSamples.v2, TimelineSamples.v3])
    let evaluation = Engine(packs: workspace.packs, asOf: try #require(Day(asOf))).evaluate(manifests: workspace.manifests)
    return ResultsDocument(workspace: workspace, evaluation: evaluation)
  }

  @Test func theVersionInForceIsComparedWithTheOneBeforeIt() throws {
    let chat = try #require(try document(asOf: "2021-10-01").platforms.first { $0.id == "chat" })
    #expect(chat.asOf.description == "2021-09-17")
    #expect(chat.previous?.asOf.description == "2021-09-16")
    #expect(chat.previous?.file == "chat/v1.yaml")
    #expect(chat.previous?.changes.map { "\($0.type.rawValue) \($0.summary)" } == [
      "unblock links.inbound.shop.private_chat blocked → copy_out",
      "unblock links.inbound.video.private_chat blocked → interstitial",
      "recorded controls.complaints ~ → available (first recorded)",
    ])
  }

  @Test func aFirstVersionHasNoPrevious() throws {
    let chat = try #require(try document(asOf: "2021-09-16").platforms.first { $0.id == "chat" })
    #expect(chat.previous == nil)
    #expect(chat.versions.map(\.description) == ["2021-09-16", "2021-09-17", "2021-11-29"])
  }

  @Test func changesRoundTripThroughJSON() throws {
    let doc = try document(asOf: "2021-12-02")
    let data = try doc.encoded()
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.contains("\"previous\": {\n        \"as_of\": \"2021-09-17\""))
    #expect(text.contains("\"before_state\": \"value\""))
    let decoded = try ResultsDocument.decode(data, path: "results.json")
    #expect(decoded.platforms == doc.platforms)
  }

  @Test func documentsWithoutPreviousStillDecode() throws {
    let doc = try document(asOf: "2021-12-02")
    let text = String(decoding: try doc.encoded(), as: UTF8.self)
    // Drop every "previous" object, as a results.json of an earlier tool version has none.
    var json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    json["platforms"] = (json["platforms"] as? [[String: Any]])?.map { $0.filter { $0.key != "previous" } }
    let stripped = try JSONSerialization.data(withJSONObject: json)
    let decoded = try ResultsDocument.decode(stripped, path: "old.json")
    #expect(decoded.platforms.allSatisfy { $0.previous == nil })
  }
}
