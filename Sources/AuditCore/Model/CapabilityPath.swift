/// A dotted path into a manifest's `capabilities`, with `{counterparty}` standing for the
/// other platform's id.
public struct CapabilityPath: Hashable, Sendable, CustomStringConvertible {
  /// One step of a path.
  public enum Segment: Hashable, Sendable {
    case key(String)
    /// The other platform's id; a map without it falls back to its `"*"` entry.
    case counterparty
    /// The subject platform's own id.
    case platform
  }

  public let segments: [Segment]

  /// Parses `a.b.{counterparty}.c`; `nil` with a reason when the text is not a path.
  public static func parse(_ text: String) -> Swift.Result<CapabilityPath, PathError> {
    guard !text.isEmpty else { return .failure(.empty) }
    var segments: [Segment] = []
    // Split on the byte '.', not on Characters: paths are parsed for every evidence entry.
    for bytes in text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
      if bytes.isEmpty { return .failure(.emptySegment) }
      let part = Substring(bytes)
      if bytes.first == UInt8(ascii: "{") || bytes.last == UInt8(ascii: "}") {
        switch part {
        case "{counterparty}": segments.append(.counterparty)
        case "{platform}": segments.append(.platform)
        default: return .failure(.unknownPlaceholder(String(part)))
        }
      } else {
        segments.append(.key(String(part)))
      }
    }
    return .success(CapabilityPath(segments: segments))
  }

  /// Why a path did not parse.
  public enum PathError: Error, CustomStringConvertible {
    case empty, emptySegment, unknownPlaceholder(String)

    public var description: String {
      switch self {
      case .empty: "a path cannot be empty"
      case .emptySegment: "a path cannot have an empty segment (two dots, or a dot at an end)"
      case .unknownPlaceholder(let p):
        "unknown placeholder '\(p)'; paths know {counterparty} and {platform}"
      }
    }
  }

  public init(segments: [Segment]) {
    self.segments = segments
    description = segments.map {
      switch $0 {
      case .key(let k): k
      case .counterparty: "{counterparty}"
      case .platform: "{platform}"
      }
    }.joined(separator: ".")
  }

  /// Whether the path needs a counterparty to be read.
  public var usesCounterparty: Bool { segments.contains(.counterparty) }

  /// The path as written, joined once: every check of a result names it.
  public let description: String
}
