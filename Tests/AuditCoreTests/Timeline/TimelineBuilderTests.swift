import AuditCore
import Testing

@Suite struct TimelineBuilderTests {
  @Test func partialDatesSortBeforeTheFullDatesOfTheirPeriod() {
    let doc = TimelineBuilder.build(TimelineSamples.workspace(versions: []))
    #expect(doc.events.map(\.date.description) == ["2018", "2018-04", "2018-04-02", "2021-09", "2021-09-17"])
    #expect(doc.events.map(\.title).first == "a suit, year only")
  }

  @Test(arguments: [
    ("2019", "2018-12-31", false), ("2018", "2018-12-31", true), ("2018-04", "2018-04-30", true),
    ("2018-04", "2018-05-01", false), ("2018-04-02", "2018-04-02", true),
  ])
  func partialDatesCompareAsTheirPeriod(date: String, day: String, overlaps: Bool) throws {
    let d = try #require(PartialDate(date))
    let x = try #require(PartialDate(day))
    #expect((d.end >= x.start && d.start <= x.end) == overlaps)
  }

  @Test func derivedEventsFromTwoVersions() {
    let ws = TimelineSamples.workspace(versions: [TimelineSamples.v1, TimelineSamples.v2], timeline: false)
    let doc = TimelineBuilder.build(ws)
    #expect(doc.events.map { "\($0.date) \($0.type.rawValue) \($0.actors) → \($0.affects): \($0.title)" } == [
      "2021-09-17 unblock [\"chat\"] → [\"shop\"]: links.inbound.shop.private_chat blocked → copy_out",
      "2021-09-17 unblock [\"chat\"] → [\"video\"]: links.inbound.video.private_chat blocked → interstitial",
      "2021-09-17 change [\"chat\"] → []: controls.complaints ~ → available (first recorded)",
    ])
    #expect(doc.events.allSatisfy { $0.timeline == "manifests" && $0.previousAsOf?.description == "2021-09-16" })
    #expect(doc.events.first?.source == "chat/v2.yaml:8:28")
    #expect([doc.summary.events, doc.summary.derived, doc.summary.versionPairs, doc.summary.filteredOut] == [3, 3, 1, 0])
  }

  @Test func derivedEventsFromThreeVersionsMergeWithTheHandWrittenOnes() {
    let doc = TimelineBuilder.build(TimelineSamples.workspace())
    #expect(doc.events.count == 5 + 3 + 6)
    let sept17 = doc.events.filter { $0.date.description == "2021-09-17" }
    // The hand-written event first, then the derived ones in manifest order.
    #expect(sept17.map(\.timeline) == ["story", "manifests", "manifests", "manifests"])
    let nov = doc.events.filter { $0.date.description == "2021-11-29" }
    #expect(nov.map(\.type) == [.unblock, .unblock, .block, .change, .change, .change])
    // "*" is not an actor: the change affects no one in particular.
    #expect(nov.first { $0.title.hasPrefix("links.inbound.*") }?.affects == [])
    #expect(doc.actors == ["video", "chat", "regulator"])
    #expect(doc.title == "故事")
    #expect(doc.titleEn == "The story")
  }

  @Test func fromAndToKeepEventsWhosePeriodOverlaps() throws {
    let ws = TimelineSamples.workspace()
    let april = TimelineBuilder.build(ws, filter: .init(from: PartialDate("2018-04-15"), to: PartialDate("2018-12")))
    // "2018" and "2018-04" overlap mid-April; "2018-04-02" lies before it.
    #expect(april.events.map(\.date.description) == ["2018", "2018-04"])
    #expect(april.summary.filteredOut == 14 - 2)
    let autumn = TimelineBuilder.build(ws, filter: .init(from: PartialDate("2021-09-17"), to: PartialDate("2021-09-17")))
    #expect(Set(autumn.events.map(\.date.description)) == ["2021-09", "2021-09-17"])
    let late = TimelineBuilder.build(ws, filter: .init(from: PartialDate("2021-10")))
    #expect(Set(late.events.map(\.date.description)) == ["2021-11-29"])
  }

  @Test func actorFilterKeepsEventsThatAnActorTakesPartInOrIsAffectedBy() {
    let ws = TimelineSamples.workspace()
    let video = TimelineBuilder.build(ws, filter: .init(actors: ["video"]))
    #expect(video.events.map(\.title) == [
      "a suit, year only", "a block, month only", "a block, full date",
      "links.inbound.video.private_chat blocked → interstitial",
      "links.inbound.video.private_chat interstitial → copy_out",
      "links.inbound.video.group_chat blocked → sometimes",
    ])
    let regulator = TimelineBuilder.build(ws, filter: .init(actors: ["regulator", "nobody"]))
    #expect(regulator.events.map(\.title) == ["a deadline, month only"])
    #expect(regulator.actors == ["regulator"])
  }

  @Test func theDocumentEncodesStably() throws {
    let doc = TimelineBuilder.build(TimelineSamples.workspace())
    let once = String(decoding: try doc.encoded(), as: UTF8.self)
    let twice = String(decoding: try TimelineBuilder.build(TimelineSamples.workspace()).encoded(), as: UTF8.self)
    #expect(once == twice)
    #expect(once.hasPrefix("{\n  \"schema\": \"interop-audit/timeline/1\""))
    #expect(once.contains("\"previous_as_of\": \"2021-09-16\""))
  }
}
