/// What a team decided about warnings: the codes it allows (dropped, whoever raised them) and
/// whether the others fail the run (`--strict`: each becomes an error, keeping its code). One
/// type, so that the options and a config file's list of allowed codes feed the same rule.
public struct WarningPolicy: Sendable, Hashable {
  /// The codes allowed, as given (`W302`); each must be a `WarningCode`.
  public var allowed: [String]
  public var strict: Bool

  public init(allowed: [String] = [], strict: Bool = false) {
    self.allowed = allowed
    self.strict = strict
  }

  /// The codes given that no warning has, each with the nearest code or the list: given before
  /// any work, so a misspelt `--allow` never silences nothing quietly.
  public var problems: [Diagnostic] {
    let known = WarningCode.allCases.map(\.rawValue)
    return allowed.filter { WarningCode(rawValue: $0.uppercased()) == nil }.map { code in
      Diagnostic(.error, file: "--allow", "'\(Bounded.quote(code))' is not a warning code",
        hint: Suggestion.closest(to: code.uppercased(), in: known).map { "did you mean '\($0)'?" }
          ?? "expected one of: \(known.joined(separator: ", "))")
    }
  }

  private var allowedCodes: Set<WarningCode> { Set(allowed.compactMap { WarningCode(rawValue: $0.uppercased()) }) }

  /// The diagnostics as the policy has them: allowed warnings gone, the other warnings errors
  /// under `strict`. Applying it twice changes nothing more.
  public func apply(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    let allowed = allowedCodes
    return diagnostics.compactMap { diagnostic in
      guard diagnostic.severity == .warning else { return diagnostic }
      if let code = diagnostic.code, allowed.contains(code) { return nil }
      guard strict else { return diagnostic }
      var raised = diagnostic
      raised.severity = .error
      return raised
    }
  }
}
