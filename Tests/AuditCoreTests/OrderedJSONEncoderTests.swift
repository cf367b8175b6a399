import Foundation
import Testing

@testable import AuditCore

/// Results, checks and locations are written field by field, not through Codable: their bytes
/// must be those of their synthesized `encode(to:)`, for every optional present or absent.
@Suite struct OrderedJSONEncoderTests {
  /// Encodes through the type's own `encode(to:)`, which the writer's direct path bypasses.
  private struct ViaCodable<T: Encodable>: Encodable {
    let value: T
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
  }

  private let here = SourceLocation(file: "m/a \"q\".yaml", line: 12, column: 7)

  private func check(full: Bool) -> Check {
    var c = Check(path: "links.inbound.b.private_chat", platform: "a", state: full ? .value : .missing,
      found: full ? "direct" : nil, required: "at least 'interstitial'", status: full ? .pass : .unknown,
      location: full ? here : nil, phase: full ? .phase("private chats") : nil, message: full ? "line\nbreak\u{2028}" : nil,
      wildcard: full)
    if full {
      c.method = .test
      c.observed = Day("2021-11-30")
      c.decisive = false
    }
    return c
  }

  private func result(full: Bool) -> Result {
    let waiver = Waiver(obligation: "O", platform: "a", reason: "agreed", approvedBy: full ? "legal" : nil,
      expires: Day("2022-01-01") ?? .epoch, location: here)
    var r = Result(obligation: "O-1", pack: "p", platform: "a", counterparty: full ? "b" : nil, status: .fail,
      severity: .high, reason: "tab\there \u{1} \"quoted\" 中文", location: full ? here : nil,
      checks: full ? [check(full: true), check(full: false)] : [],
      evidence: full ? [Evidence(path: "links", source: "https://example.org", observed: Day("2021-11-30"), method: .report, note: "n", location: here)] : [],
      waiver: full ? WaiverRecord(waiver, status: .fail) : nil, expiredWaiver: full ? WaiverRecord(waiver, status: .pass) : nil,
      upcoming: full ? Upcoming(date: Day("2022-06-01") ?? .epoch, label: "group chats", status: .unknown) : nil)
    if full {
      r.evidenceStrength = .test
      r.evidenceObserved = Day("2021-11-30")
      r.evidenceShortfall = "needs a test"
    }
    return r
  }

  @Test(arguments: [false, true])
  func directWritersMatchCodable(full: Bool) throws {
    let encoder = OrderedJSONEncoder()
    #expect(try encoder.encode(result(full: full)) == encoder.encode(ViaCodable(value: result(full: full))))
    #expect(try encoder.encode(check(full: full)) == encoder.encode(ViaCodable(value: check(full: full))))
    #expect(try encoder.encode(here) == encoder.encode(ViaCodable(value: here)))
    // Nested, as in a document: an array of results at depth 1.
    let list = [result(full: full), result(full: !full)]
    #expect(try encoder.encode(["results": list]) == encoder.encode(["results": list.map { ViaCodable(value: $0) }]))
    // And it reads back as what was written.
    let decoded = try JSONDecoder().decode(Result.self, from: encoder.encode(result(full: full)))
    #expect(decoded == result(full: full))
  }

  /// Every kind of argument, nested, with a name the pattern does not use (left out) and one it
  /// uses but the message lacks.
  private var message: Message {
    let levels = Message(MessageKey("t.levels", "{level} vs {other}"), ["level": .text("a\"b"), "other": .scale("s")])
    let words = MessageArgument.words([Message(MessageKey("t.w1", "test")), Message(MessageKey("t.w2", "filing"))], joiner: .or)
    return Message(MessageKey("t.all", "{path} {list} {words} {count} {date} {who} {inner} {sentences} {absent}"), [
      "path": .path("a.b.c", template: "a.{counterparty}.c"), "list": .list(["'x'", "'y'"], joiner: .and),
      "words": words, "count": .count(-3), "date": .date("2021-11-30"), "who": .platform("微信"),
      "inner": .message(levels), "sentences": .sentences([levels, Message(MessageKey("t.empty", "nothing"))]),
      "unused": .text("never written"),
    ])
  }

  @Test(arguments: [nil, 2] as [Int?])
  func messagesAreWrittenAsTheirJSONTree(compactBelow: Int?) throws {
    let encoder = OrderedJSONEncoder(compactBelow: compactBelow)
    #expect(try encoder.encode(message) == encoder.encode(message.json))
    #expect(try encoder.encode(["reasons": [message, message]]) == encoder.encode(["reasons": [message.json, message.json]]))
  }

  @Test func integersAndEscapesAreWrittenAsBefore() throws {
    let text = try OrderedJSONEncoder().encodeToString([Int.min, -1, 0, 7, 1_234_567, Int.max])
    #expect(text == "[\n  -9223372036854775808,\n  -1,\n  0,\n  7,\n  1234567,\n  9223372036854775807\n]\n")
    let escaped = try OrderedJSONEncoder().encodeToString(["a\u{0}\u{1f}\u{7f}\"\\\r\n\t\u{2028}\u{2029}\u{2027}é"])
    #expect(escaped == "[\n  \"a\\u0000\\u001f\u{7f}\\\"\\\\\\r\\n\\t\\u2028\\u2029\u{2027}é\"\n]\n")
  }
}
