import AuditCore

/// What changed in a platform's manifest since its previous version, for the reports' "changes
/// since the previous version" section. Comes from `platforms[].previous` of the results.
public struct VersionChanges: Sendable {
  public var platform: ReportModel.PlatformInfo
  /// The previous version's date and file.
  public var previousAsOf: Day
  public var previousFile: String
  /// The version in force.
  public var asOf: Day
  public var changes: [CapabilityChange]

  /// One entry per platform that has a previous version, in platform order.
  static func build(_ document: ResultsDocument, directory: Directory) -> [VersionChanges] {
    document.platforms.compactMap { platform in
      guard let previous = platform.previous else { return nil }
      return VersionChanges(platform: directory.platform(platform.id), previousAsOf: previous.asOf,
        previousFile: previous.file, asOf: platform.asOf, changes: previous.changes)
    }
  }

  /// A value as the section shows it: the value, `~` when recorded as unknown, or "absent".
  static func describe(_ value: String?, _ state: Check.State) -> String {
    switch state {
    case .value: value ?? ""
    case .null: "~"
    case .missing, .blocked: Messages.current["absent"]
    }
  }
}

extension CapabilityChange.Kind {
  /// A word for the kind of change, and a status-like class for colour.
  var word: String {
    Messages.current.word("change", rawValue)
  }

  var symbol: String {
    switch self {
    case .unblock: "▲"
    case .block: "▼"
    case .change: "≠"
    case .recorded: "+"
    case .unrecorded: "−"
    }
  }

  var cssClass: String {
    switch self {
    case .unblock: "st-pass"
    case .block: "st-fail"
    case .change: "st-unknown"
    case .recorded, .unrecorded: "st-not_applicable"
    }
  }
}
