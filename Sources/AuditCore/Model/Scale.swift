/// An ordinal vocabulary, worst first: `link_access: [blocked, copy_token, interstitial, direct]`.
public struct Scale: Sendable, Hashable {
  public var name: String
  public var levels: [String]
  public var location: SourceLocation?

  public init(name: String, levels: [String], location: SourceLocation? = nil) {
    self.name = name
    self.levels = levels
    self.location = location
  }

  /// The position of a level, 0 being the worst; `nil` when the word is not on the scale.
  public func rank(of level: String) -> Int? { levels.firstIndex(of: level) }

  /// "blocked < copy_token < interstitial < direct".
  public var ordering: String { levels.joined(separator: " < ") }
}
