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

  /// Compares the two sides' ranks: pass when the subject opens at least as much.
  public static func verdict(subject: Int, counterparty: Int) -> Status {
    subject >= counterparty ? .pass : .fail
  }
}
