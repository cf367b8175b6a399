import Foundation

/// `history.json`: the status of every result key (obligation, platform, counterparty) from
/// `from` to `to`, as segments `[from, until) → status` (schema `interop-audit/history/1`),
/// computed only on the dates where some input can change a result.
public struct History: Codable, Sendable {
  public static let schemaID = "interop-audit/history/1"

  public var schema = History.schemaID
  public var tool = ResultsDocument.Tool(name: AuditVersion.name, version: AuditVersion.current)
  /// The first day of the span (inclusive): every result is evaluated on it.
  public var from: Day
  /// The last day of the span (inclusive): segments still open on it have no `until`.
  public var to: Day
  /// The rule packs, as `id@version`, in id order.
  public var packs: [String]
  /// Every obligation, in pack then id order.
  public var obligations: [ObligationEntry]
  /// Every platform with a version on or before `to`, in id order.
  public var platforms: [PlatformEntry]
  /// The days evaluated after `from`, each with the inputs that changed on it.
  public var changes: [ChangeDay]
  /// Per result key, in the order of `results.json` (pack, obligation, platform, counterparty).
  public var tracks: [Track]
  /// How much work the history took: what the incremental evaluation saved.
  public var work: Work

  enum CodingKeys: String, CodingKey {
    case schema, tool, from, to, packs, work, obligations, platforms, changes, tracks
  }

  /// An obligation as the reports name it.
  public struct ObligationEntry: Codable, Sendable, Hashable {
    public var id: String
    public var pack: String
    public var title: String
    public var titleEn: String?
    public var severity: Severity
    public var per: Obligation.Per

    enum CodingKeys: String, CodingKey {
      case id, pack, title
      case titleEn = "title_en"
      case severity, per
    }
  }

  /// A platform, its versions within the span, and the company that controls it on `to`.
  public struct PlatformEntry: Codable, Sendable, Hashable {
    public var id: String
    public var name: String?
    public var nameEn: String?
    /// The controlling entity's id on `to`, if any.
    public var controller: String?
    public var controllerName: String?
    public var controllerNameEn: String?
    /// The `as_of` of every version on or before `to`.
    public var versions: [Day]

    enum CodingKeys: String, CodingKey {
      case id, name
      case nameEn = "name_en"
      case controller
      case controllerName = "controller_name"
      case controllerNameEn = "controller_name_en"
      case versions
    }
  }

  /// A day on which some input changes, and what changed.
  public struct ChangeDay: Codable, Sendable, Hashable {
    public var date: Day
    public var inputs: [ChangeInput]
    /// Results evaluated again on this day.
    public var evaluated: Int
    /// Results whose status changed on this day (including results that appeared or ended).
    public var changed: Int
  }

  /// One input that changes on a day.
  public struct ChangeInput: Codable, Sendable, Hashable, Comparable {
    /// What kind of input: a manifest version, an obligation's start, a waiver's expiry, a
    /// holding's start or end, evidence ageing past a `max_age_days` limit.
    public enum Kind: String, Codable, Sendable, CaseIterable {
      case version, effective, phase
      case waiverExpiry = "waiver_expiry"
      case holding
      case evidenceAge = "evidence_age"
    }

    public var kind: Kind
    /// The platform it concerns (the holding's platform for holdings).
    public var platform: String?
    /// The obligation it concerns (effective, phase, waiver).
    public var obligation: String?
    /// A phase's label, a holding's entity, or an evidence path.
    public var detail: String?

    public init(kind: Kind, platform: String? = nil, obligation: String? = nil, detail: String? = nil) {
      self.kind = kind
      self.platform = platform
      self.obligation = obligation
      self.detail = detail
    }

    public static func < (a: ChangeInput, b: ChangeInput) -> Bool {
      (a.kind.rawValue, a.platform ?? "", a.obligation ?? "", a.detail ?? "")
        < (b.kind.rawValue, b.platform ?? "", b.obligation ?? "", b.detail ?? "")
    }
  }

  /// The history of one result key.
  public struct Track: Codable, Sendable, Hashable {
    public var obligation: String
    public var pack: String
    public var platform: String
    public var counterparty: String?
    /// In date order; a gap between two segments (or after the last one, with `until`) is a
    /// span in which the run had no such result (a counterparty out of scope, say).
    public var segments: [Segment]
  }

  /// `[from, until) → status`, with why at its start.
  public struct Segment: Codable, Sendable, Hashable {
    public var from: Day
    /// The first day it no longer holds; `nil` when it still holds on `to`.
    public var until: Day?
    public var status: Status
    /// The result's reason on `from`.
    public var reason: String
    /// The decisive value on `from`: its path and the value found (absent when none was read).
    public var path: String?
    public var found: String?
    /// The evidence entry behind that value, if the manifest has one.
    public var evidence: Evidence?
    /// Where the decisive value is.
    public var location: SourceLocation?
    /// The reason as a typed message (key and arguments), which reports render in their language.
    public var reasonMessage: Message? = nil

    enum CodingKeys: String, CodingKey {
      case from, until, status, reason
      case reasonMessage = "reason_message"
      case path, found, evidence, location
    }
  }

  /// Evaluations counted, never timed: `evaluated` results over `days` days, against the
  /// `full` that evaluating every result on every day would take.
  public struct Work: Codable, Sendable, Hashable {
    public var days: Int = 0
    public var evaluated: Int = 0
    public var full: Int = 0
  }

  /// The document as stable, pretty JSON, keys in schema order, with a final newline.
  public func encoded() throws -> Data { try OrderedJSONEncoder().encode(self) }
}
