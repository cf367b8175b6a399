import AuditCore
import Foundation

/// Links from a report to what it cites: web sources (only `http(s)`), and manifest lines
/// relative to where the report is written, so `Reports/timeline.md` links to
/// `../manifests/cn/wechat/2021-11-29.yaml#L26` and GitHub opens the line.
public enum ReportLinks {
  /// The prefix that leads from `outputDirectory` back to the current directory ("../" per
  /// component); `nil` when the directory is absolute or climbs out with "..".
  public static func base(outputDirectory: String) -> String? {
    guard !outputDirectory.hasPrefix("/") else { return nil }
    let parts = outputDirectory.split(separator: "/").filter { $0 != "." }
    guard !parts.contains("..") else { return nil }
    return String(repeating: "../", count: parts.count)
  }

  /// A relative link to the line of `location`, when its file is a relative path on disk (not
  /// absolute, not `REV:PATH` from git) and a base is known.
  public static func fileLink(_ location: SourceLocation, base: String?) -> String? {
    guard let base, !location.file.hasPrefix("/"), !location.file.contains(":"),
      let path = location.file.addingPercentEncoding(withAllowedCharacters: pathCharacters)
    else { return nil }
    return "\(base)\(path)#L\(location.line)"
  }

  /// `file:line`, the label of a manifest link.
  public static func label(_ location: SourceLocation) -> String { "\(location.file):\(location.line)" }

  /// The host of a web address, as a short link label ("news.cgtn.com").
  public static func host(_ url: String) -> String {
    guard let host = URLComponents(string: url)?.host, !host.isEmpty else { return url }
    return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
  }

  /// A Markdown link `[label](url)` that stays one table cell: the label escaped, the URL with
  /// parentheses, pipes and other unsafe characters percent-encoded.
  public static func markdown(_ label: String, _ url: String) -> String {
    var out = ""
    for scalar in url.unicodeScalars {
      switch scalar {
      case "(": out += "%28"
      case ")": out += "%29"
      case "|": out += "%7C"
      case "<": out += "%3C"
      case ">": out += "%3E"
      case " ": out += "%20"
      case "\\": out += "%5C"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return "[\(TextEscaping.markdown(label))](\(out))"
  }

  static let pathCharacters: CharacterSet = {
    var set = CharacterSet.urlPathAllowed
    set.remove(charactersIn: "()|;#?%")
    return set
  }()
}
