/// One problem found in an input, with where it is and how to fix it. Not itself an `Error`:
/// problems travel as a `DiagnosticError`, so that every catch sees one kind of failure.
public struct Diagnostic: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// How bad a problem is: errors stop a run, warnings do not.
  public enum Severity: String, Codable, Sendable, Comparable {
    case error, warning, note

    private var rank: Int {
      switch self {
      case .error: 0
      case .warning: 1
      case .note: 2
      }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
  }

  public var severity: Severity
  /// Where the problem is; `nil` when it concerns no particular place (a missing directory, say).
  public var location: SourceLocation?
  /// The file when there is no line to name.
  public var file: String?
  public var message: String
  /// How to fix it, appended after an em dash.
  public var hint: String?
  /// The warning's stable code (kept when `--strict` makes it an error); `nil` for errors and notes.
  public var code: WarningCode?
  /// The message and hint as messages, for the reports' languages, when the engine says them.
  public var typed: (message: Message, hint: Message?)? {
    get { typedMessage.map { ($0, typedHint) } }
    set {
      typedMessage = newValue?.message
      typedHint = newValue?.hint
      if let newValue {
        message = newValue.message.english
        hint = newValue.hint?.english
      }
    }
  }
  var typedMessage: Message?
  var typedHint: Message?

  public init(
    _ severity: Severity, at location: SourceLocation?, _ message: String, hint: String? = nil, code: WarningCode? = nil
  ) {
    self.severity = severity
    self.location = location
    self.file = location?.file
    self.message = message
    self.hint = hint
    self.code = code
  }

  public init(_ severity: Severity, file: String, _ message: String, hint: String? = nil, code: WarningCode? = nil) {
    self.severity = severity
    self.location = nil
    self.file = file
    self.message = message
    self.hint = hint
    self.code = code
  }

  public static func error(_ location: SourceLocation?, _ message: String, hint: String? = nil)
    -> Diagnostic
  {
    Diagnostic(.error, at: location, message, hint: hint)
  }

  /// An error said as a message (its English is `message` and `hint`).
  public static func error(_ location: SourceLocation?, _ message: Message, hint: Message? = nil) -> Diagnostic {
    var diagnostic = Diagnostic(.error, at: location, message.english)
    diagnostic.typed = (message, hint)
    return diagnostic
  }

  public static func warning(_ code: WarningCode, _ location: SourceLocation?, _ message: String, hint: String? = nil)
    -> Diagnostic
  {
    Diagnostic(.warning, at: location, message, hint: hint, code: code)
  }

  /// `path:line:column: warning[W302]: message — hint`, on one line: control characters and line breaks
  /// from inputs are shown escaped, and no line starts with `::` (a CI workflow command).
  public var description: String { Bounded.line(rawDescription) }

  private var rawDescription: String {
    var text = ""
    if let location {
      text = "\(location): "
    } else if let file {
      text = "\(file): "
    }
    text += severity.rawValue + (code.map { "[\($0.rawValue)]" } ?? "") + ": \(message)"
    if let hint { text += " — \(hint)" }
    return text
  }

  public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
    let l = (lhs.file ?? "", lhs.location?.line ?? 0, lhs.location?.column ?? 0)
    let r = (rhs.file ?? "", rhs.location?.line ?? 0, rhs.location?.column ?? 0)
    if l != r { return l < r }
    if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
    return lhs.message < rhs.message
  }
}

/// The one error through which every failure reaches the user: the problems, each printed as
/// `path[:line:column]: error: message — hint` (inputs, templates, output, Chromium alike), and
/// an optional closing line that says what was not done. Thrown once, with every problem found.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
  public var diagnostics: [Diagnostic]
  /// A last line after the diagnostics ("audit: stopped: 2 errors; nothing written").
  public var summary: String?

  public init(_ diagnostics: [Diagnostic], summary: String? = nil) {
    self.diagnostics = diagnostics
    self.summary = summary
  }

  /// The failure of one problem.
  public init(_ diagnostic: Diagnostic) { self.init([diagnostic]) }

  /// The same failure with a closing line, unless it has one.
  public func summarised(_ line: String) -> DiagnosticError {
    DiagnosticError(diagnostics, summary: summary ?? line)
  }

  public var description: String {
    (diagnostics.map(\.description) + [summary].compactMap { $0 }).joined(separator: "\n")
  }
}

extension Array where Element == Diagnostic {
  /// Whether any of these problems is an error.
  public var hasErrors: Bool { contains { $0.severity == .error } }

  /// "2 errors, 1 warning".
  public var tally: String {
    let errors = filter { $0.severity == .error }.count
    let warnings = filter { $0.severity == .warning }.count
    return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
  }
}
