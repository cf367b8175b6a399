/// `all: [P, Q]` — every part holds; the status is the worst of the parts.
public enum All {
  public static let key = "all"
  public static let summary = "Every part holds; the result is the worst part (error > fail > unknown > pass)."
  public static let examples = [
    OperatorExample("{all: [{path: a, equals: x}, {path: b, equals: y}]}", "{a: x, b: y}", .pass),
    OperatorExample("{all: [{path: a, equals: x}, {path: b, equals: y}]}", "{a: x, b: z}", .fail),
    OperatorExample("{all: [{path: a, equals: x}, {path: b, equals: y}]}", "{a: x}", .unknown),
    OperatorExample("{all: [{path: a, equals: x}, {path: b, equals: y}]}", "{b: z}", .fail),
    OperatorExample("{all: [{path: a, equals: true}, {path: b, equals: y}]}", "{a: x, b: z}", .error),
  ]

  /// The worst of the parts; an empty `all` holds. When every part is `not_applicable` (e.g.
  /// `no_worse_than: affiliates` for a subject without affiliates) so is the whole: nothing was
  /// compared, and reporting `pass` would be a silent pass.
  public static func combine(_ parts: [Status]) -> Status {
    if !parts.isEmpty, parts.allSatisfy({ $0 == .notApplicable }) { return .notApplicable }
    return parts.reduce(.pass, Status.worst)
  }
}

/// `any: [P, Q]` — at least one part holds.
public enum AnyOf {
  public static let key = "any"
  public static let summary =
    "At least one part holds; otherwise error if a part errs, unknown if a part is unknown, else fail."
  public static let examples = [
    OperatorExample("{any: [{path: a, equals: x}, {path: b, equals: y}]}", "{a: z, b: y}", .pass),
    OperatorExample("{any: [{path: a, equals: x}, {path: b, equals: y}]}", "{a: z, b: z}", .fail),
    OperatorExample("{any: [{path: a, equals: x}, {path: b, equals: y}]}", "{a: z}", .unknown),
    OperatorExample("{any: [{path: a, equals: x}, {path: b, equals: true}]}", "{a: x, b: z}", .pass),
    OperatorExample("{any: [{path: a, equals: x}, {path: b, equals: true}]}", "{b: z}", .error),
  ]

  /// Pass if one part passes; else error, else unknown (it might have passed), else fail. When
  /// every part is `not_applicable`, so is the whole (nothing was compared; not a failure).
  public static func combine(_ parts: [Status]) -> Status {
    if !parts.isEmpty, parts.allSatisfy({ $0 == .notApplicable }) { return .notApplicable }
    if parts.contains(.pass) { return .pass }
    if parts.contains(.error) { return .error }
    if parts.contains(.unknown) { return .unknown }
    return .fail
  }
}

/// `not: P` — P does not hold.
public enum Not {
  public static let key = "not"
  public static let summary = "The part does not hold; unknown and error stay as they are."
  public static let examples = [
    OperatorExample("{not: {path: a, equals: blocked}}", "{a: direct}", .pass),
    OperatorExample("{not: {path: a, equals: blocked}}", "{a: blocked}", .fail),
    OperatorExample("{not: {path: a, equals: blocked}}", "{}", .unknown),
    OperatorExample("{not: {path: a, equals: true}}", "{a: yes}", .error),
  ]

  /// Swaps pass and fail; keeps unknown and error.
  public static func combine(_ part: Status) -> Status {
    switch part {
    case .pass: .fail
    case .fail: .pass
    default: part
    }
  }
}

/// The combinators and `reciprocal`, whose examples run beside the leaf operators'.
public enum Combinator {
  public static let keys = [All.key, AnyOf.key, Not.key, ReciprocalCheck.key]

  public static var examples: [(String, [OperatorExample])] {
    [
      (All.key, All.examples), (AnyOf.key, AnyOf.examples), (Not.key, Not.examples),
      (ReciprocalCheck.key, ReciprocalCheck.examples),
    ]
  }

  public static func summary(for key: String) -> String? {
    switch key {
    case All.key: All.summary
    case AnyOf.key: AnyOf.summary
    case Not.key: Not.summary
    case ReciprocalCheck.key: ReciprocalCheck.summary
    default: nil
    }
  }
}
