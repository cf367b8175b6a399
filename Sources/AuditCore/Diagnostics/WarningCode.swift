/// Every warning's stable code, printed as `warning[W302]`, so that a team can allow one on
/// purpose (`--allow W302`) and search CI logs for it; the numbers never change meaning.
/// W1xx: an input file; W2xx: finding inputs; W3xx: what a run checks; W4xx: output; W5xx:
/// options that select nothing.
public enum WarningCode: String, CaseIterable, Sendable, Codable, Comparable {
  case evidencePathUnknown = "W101"
  case scopeMatchesEverything = "W102"
  case basisURLNotHTTP = "W103"
  case waiverPlatformUnknown = "W104"
  case holdingPlatformUnknown = "W105"
  case waiverUnused = "W106"
  case exampleMissing = "W107"
  case notRegularFile = "W201"
  case brokenLink = "W202"
  case linkOutsideInputs = "W203"
  case packAppliesToNothing = "W301"
  case scopeValueUnused = "W302"
  case scopeListEmpty = "W303"
  case manifestScopeValueUnused = "W304"
  case rulePathInNoManifest = "W305"
  case outputFileKept = "W401"
  case historyBeforeManifests = "W501"
  case actorInNoEvent = "W502"

  /// What the warning means, one line (for the README's table and `--allow`'s errors).
  public var summary: String {
    switch self {
    case .evidencePathUnknown: "an evidence entry's path names nothing in the manifest's capabilities"
    case .scopeMatchesEverything: "an applies_to or counterparties mapping names nothing, so it matches every platform"
    case .basisURLNotHTTP: "a basis url is not an http(s) address"
    case .waiverPlatformUnknown: "a waiver names a platform no manifest declares"
    case .holdingPlatformUnknown: "an entity holds a platform no manifest declares"
    case .waiverUnused: "a waiver matched no result"
    case .exampleMissing: "an obligation lacks a passing or a failing example (audit test)"
    case .notRegularFile: "an input is a FIFO, socket or device; skipped"
    case .brokenLink: "an input is a broken symbolic link; skipped"
    case .linkOutsideInputs: "a symbolic link points outside the input paths; skipped"
    case .packAppliesToNothing: "a rule pack applies to no platform of the run"
    case .scopeValueUnused: "a category or jurisdiction in an obligation's scope is in no manifest of the run, near one that is"
    case .scopeListEmpty: "an obligation's scope has an empty list, so it is never evaluated"
    case .manifestScopeValueUnused: "a manifest's category or jurisdiction is in no rule pack's scope, near one that is"
    case .rulePathInNoManifest: "a capability path a rule reads is in no manifest of the run"
    case .outputFileKept: "a file the previous run wrote was changed since, so it was kept"
    case .historyBeforeManifests: "--to is before every manifest"
    case .actorInNoEvent: "an --actor takes part in no event"
    }
  }

  public static func < (lhs: WarningCode, rhs: WarningCode) -> Bool { lhs.rawValue < rhs.rawValue }
}
