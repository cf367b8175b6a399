/// `reciprocal: {path: P, scale: S}` (with `per: pair`) — for subject A and counterparty B,
/// A treats B at least as well as B treats A: rank(A's P with B) ≥ rank(B's P with A).
/// The side that opens less fails; equal treatment passes both ways.
public enum ReciprocalCheck {
  public static let key = "reciprocal"
  public static let summary =
    "The platform treats each counterparty at least as well as the counterparty treats it, on a scale (per: pair)."
  public static let examples = [
    OperatorExample(
      "{reciprocal: {path: 'in.{counterparty}', scale: level}}", "{in: {counterparty: high}}",
      counterparty: "{in: {subject: mid}}", .pass),
    OperatorExample(
      "{reciprocal: {path: 'in.{counterparty}', scale: level}}", "{in: {counterparty: mid}}",
      counterparty: "{in: {subject: mid}}", .pass),
    OperatorExample(
      "{reciprocal: {path: 'in.{counterparty}', scale: level}}", "{in: {counterparty: low}}",
      counterparty: "{in: {subject: high}}", .fail),
    OperatorExample(
      "{reciprocal: {path: 'in.{counterparty}', scale: level}}", "{in: {'*': low}}",
      counterparty: "{in: {'*': mid}}", .fail),
    OperatorExample(
      "{reciprocal: {path: 'in.{counterparty}', scale: level}}", "{in: {counterparty: low}}",
      counterparty: "{}", .unknown),
    OperatorExample(
      "{reciprocal: {path: 'in.{counterparty}', scale: level}}", "{in: {counterparty: open}}",
      counterparty: "{in: {subject: low}}", .error),
  ]

  /// What reciprocity says: its requirement, verdicts, and why a side cannot be judged.
  public static let messages: [MessageKey] = [
    .aCounterparty, .reciprocityNeedsCounterparty, .reciprocalLevels, .reciprocalAlike, .reciprocalMore,
    .reciprocalLess, .reciprocalUnjudged, .reciprocalRequirement, .reciprocalComparison, .ownerValue, .ownerNull,
    .ownerMissing, .ownerNotALevel,
  ]

  /// Compares the two sides' ranks: pass when the subject opens at least as much.
  public static func verdict(subject: Int, counterparty: Int) -> Status {
    subject >= counterparty ? .pass : .fail
  }
}

extension MessageKey {
  static let aCounterparty = MessageKey("reciprocal.a_counterparty", "a counterparty")
  static let reciprocityNeedsCounterparty = MessageKey("reciprocal.needs_counterparty", "reciprocity needs a counterparty")
  static let reciprocalLevels = MessageKey("reciprocal.levels", "'{level}' vs '{other_level}' on {scale}")
  static let reciprocalAlike = MessageKey("reciprocal.alike", "{platform} and {counterparty} treat each other alike ({levels})")
  static let reciprocalMore = MessageKey("reciprocal.more",
    "{platform} opens more to {counterparty} than {counterparty} opens to it ({levels})")
  static let reciprocalLess = MessageKey("reciprocal.less",
    "{platform} opens less to {counterparty} than {counterparty} opens to it ({levels}); {platform} is the side that falls short")
  static let reciprocalUnjudged = MessageKey("reciprocal.unjudged",
    "reciprocity between {platform} and {counterparty} cannot be judged: {why}")
  static let reciprocalRequirement = MessageKey("reciprocal.requirement",
    "at least as open to {counterparty} as {counterparty} is to {platform}, on {scale}")
  static let reciprocalComparison = MessageKey("reciprocal.comparison", "for comparison: how {counterparty} treats {platform}")
  static let ownerValue = MessageKey("reciprocal.owner_value", "{owner}'s {path} is '{value}'")
  static let ownerNull = MessageKey("reciprocal.owner_null", "{owner}'s {path} is recorded as unknown")
  static let ownerMissing = MessageKey("reciprocal.owner_missing", "{owner}'s {path} is not in the manifest")
  static let ownerNotALevel = MessageKey("reciprocal.owner_not_a_level",
    "{owner}'s {path} is {found}, not a level of {scale} ({levels})")
}
