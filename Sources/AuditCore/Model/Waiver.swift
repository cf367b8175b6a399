/// A decision to accept a failure for a while (`kind: waivers`).
public struct Waiver: Sendable, Hashable, Codable {
  public var obligation: String
  public var platform: String
  /// When set, the waiver covers only results against this counterparty.
  public var counterparty: String?
  public var reason: String
  public var approvedBy: String?
  /// The last day the waiver is in force.
  public var expires: Day
  public var notes: String?
  public var location: SourceLocation

  public init(
    obligation: String, platform: String, counterparty: String? = nil, reason: String,
    approvedBy: String? = nil, expires: Day, notes: String? = nil, location: SourceLocation
  ) {
    self.obligation = obligation
    self.platform = platform
    self.counterparty = counterparty
    self.reason = reason
    self.approvedBy = approvedBy
    self.expires = expires
    self.notes = notes
    self.location = location
  }

  /// Whether the waiver names this result's obligation, platform and (if set) counterparty.
  public func covers(obligation: String, platform: String, counterparty: String?) -> Bool {
    self.obligation == obligation && self.platform == platform
      && (self.counterparty == nil || self.counterparty == counterparty)
  }
}
