import Foundation

/// `timeline.json`: a merged chronology (schema `interop-audit/timeline/1`) of hand-written
/// events and events derived from consecutive manifest versions; what the timeline reports render.
public struct TimelineDocument: Codable, Sendable {
  public static let schemaID = "interop-audit/timeline/1"

  /// A `kind: timeline` file that contributed events.
  public struct Source: Codable, Sendable, Hashable {
    public var id: String
    public var title: String
    public var titleEn: String?
    public var source: String?
    public var notes: String?
    public var location: SourceLocation

    enum CodingKeys: String, CodingKey {
      case id, title
      case titleEn = "title_en"
      case source, notes, location
    }
  }

  /// The filters the chronology was cut with.
  public struct Filter: Codable, Sendable, Hashable {
    public var from: PartialDate?
    public var to: PartialDate?
    /// Events are kept when one of these ids is among their actors or affected parties.
    public var actors: [String]

    /// A filter; with no arguments it keeps every event.
    public init(from: PartialDate? = nil, to: PartialDate? = nil, actors: [String] = []) {
      self.from = from
      self.to = to
      self.actors = actors
    }

    /// Whether an event passes: its period overlaps `from`…`to`, and it involves a named actor
    /// (or a platform of a named company, when `groups` says which companies the actors belong to).
    public func admits(_ event: Event, groups: [String] = []) -> Bool {
      if let from, event.date.end < from.start { return false }
      if let to, event.date.start > to.end { return false }
      guard !actors.isEmpty else { return true }
      return event.actors.contains(where: actors.contains) || event.affects.contains(where: actors.contains)
        || groups.contains(where: actors.contains)
    }
  }

  /// One event of the chronology; derived events carry the capability change they come from.
  public struct Entry: Codable, Sendable, Hashable {
    public var date: PartialDate
    public var type: Event.Kind
    public var actors: [String]
    public var affects: [String]
    public var title: String
    public var titleEn: String?
    /// A URL for hand-written events; `file:line:column` of the manifest value for derived ones.
    public var source: String?
    public var note: String?
    /// The timeline id, or `manifests` for derived events.
    public var timeline: String
    public var location: SourceLocation?
    /// For derived events: the `as_of` of the version the change is measured from.
    public var previousAsOf: Day?
    public var change: CapabilityChange?
    /// The companies the actors belong to on the event's date (an actor that is a company
    /// stands for itself; one with no recorded controller for itself too); set only when
    /// entities are known. With `--by entity` these are the event's lanes.
    public var groups: [String]? = nil
    /// For an entry that stands for a run of derived changes (`TimelineFolding`, for the
    /// reports people read): what it folds. Not a key of `timeline.json`, which never folds.
    public var fold: Fold? = nil

    enum CodingKeys: String, CodingKey {
      case date, type, actors, affects, title
      case titleEn = "title_en"
      case source, note, timeline
      case previousAsOf = "previous_as_of"
      case change, location, groups
    }

    /// The lanes the event is drawn in: its actors, or with `--by entity` their companies.
    public func lanes(by: Lanes) -> [String] {
      by == .entity ? groups ?? actors : actors
    }

    /// Whether the event was derived from manifest versions rather than written by hand.
    public var isDerived: Bool { change != nil || fold != nil }
  }

  /// What a chart lane stands for.
  public enum Lanes: String, Codable, Sendable, CaseIterable {
    /// One lane per actor, actors of one company side by side in a band.
    case actor
    /// One lane per company (entities), actors without one keeping their own lane.
    case entity
  }

  /// A company whose platforms act in the chronology: its name and the actors it covers.
  public struct Group: Codable, Sendable, Hashable {
    public var id: String
    public var name: String?
    /// The actors (platform ids, or the company's own id) that belong to it, in lane order.
    public var actors: [String]
  }

  /// Counts for a summary line.
  public struct Summary: Codable, Sendable, Hashable {
    public var events: Int
    /// Of which derived from manifest versions.
    public var derived: Int
    /// Manifest version pairs compared.
    public var versionPairs: Int
    /// Events left out by the filters.
    public var filteredOut: Int

    enum CodingKeys: String, CodingKey {
      case events, derived
      case versionPairs = "version_pairs"
      case filteredOut = "filtered_out"
    }
  }

  public var schema: String
  public var tool: ResultsDocument.Tool
  public var title: String
  public var titleEn: String?
  public var filter: Filter
  public var summary: Summary
  public var timelines: [Source]
  /// The lanes of a chart, in order: every actor of the kept events in order of first
  /// appearance, those of one company side by side; with `by: entity`, the companies.
  public var actors: [String]
  public var events: [Entry]
  public var inputs: [Workspace.Input]
  /// What the lanes stand for; absent means one lane per actor.
  public var by: Lanes? = nil
  /// The companies of the actors, when entities are known.
  public var groups: [Group]? = nil
  /// The names of the lanes that have one (a platform's manifest, a company's entity), so that
  /// charts label lanes by name in the report's language; absent when none has a name.
  public var names: [Name]? = nil

  /// A lane's name and its English form.
  public struct Name: Codable, Sendable, Hashable {
    public var id: String
    public var name: String?
    public var nameEn: String?

    enum CodingKeys: String, CodingKey {
      case id, name
      case nameEn = "name_en"
    }
  }

  enum CodingKeys: String, CodingKey {
    case schema, tool, title
    case titleEn = "title_en"
    case filter, summary, by, groups, names, timelines, actors, events, inputs
  }

  /// The lane kind in force.
  public var lanes: Lanes { by ?? .actor }

  /// A lane's label: a company's name, or the actor's id.
  public func laneName(_ lane: String) -> String {
    guard lanes == .entity, let group = groups?.first(where: { $0.id == lane }) else { return lane }
    return group.name ?? group.id
  }

  /// The company band that an actor lane belongs to, in `by: actor` charts.
  public func band(of actor: String) -> Group? {
    guard lanes == .actor else { return nil }
    return groups?.first { $0.actors.contains(actor) }
  }

  /// The document as stable, pretty JSON, keys in schema order, with a final newline.
  public func encoded() throws -> Data { try OrderedJSONEncoder().encode(self) }
}
