/// A dated chronology (`kind: timeline`), such as the ByteDance–Tencent blocking events.
public struct Timeline: Sendable {
  public var id: String
  public var title: String
  public var titleEn: String?
  public var source: String?
  public var notes: String?
  public var events: [Event]
  public var location: SourceLocation

  public init(
    id: String, title: String, titleEn: String? = nil, source: String? = nil, notes: String? = nil,
    events: [Event], location: SourceLocation
  ) {
    self.id = id
    self.title = title
    self.titleEn = titleEn
    self.source = source
    self.notes = notes
    self.events = events
    self.location = location
  }
}

/// One dated event in a chronology, written by hand or derived from manifest versions.
public struct Event: Sendable, Hashable, Codable {
  /// What kind of thing happened.
  public enum Kind: String, Codable, CaseIterable, Sendable {
    case block, unblock, policy, regulation, lawsuit, request, statement
    /// A derived change that is neither better nor worse on a scale.
    case change
  }

  public var date: PartialDate
  public var type: Kind
  public var actors: [String]
  public var affects: [String]
  public var title: String
  public var titleEn: String?
  public var source: String?
  public var note: String?
  /// The timeline it came from, or `manifests` for derived events.
  public var timeline: String
  public var location: SourceLocation?

  public init(
    date: PartialDate, type: Kind, actors: [String], affects: [String] = [], title: String,
    titleEn: String? = nil, source: String? = nil, note: String? = nil, timeline: String,
    location: SourceLocation? = nil
  ) {
    self.date = date
    self.type = type
    self.actors = actors
    self.affects = affects
    self.title = title
    self.titleEn = titleEn
    self.source = source
    self.note = note
    self.timeline = timeline
    self.location = location
  }
}
