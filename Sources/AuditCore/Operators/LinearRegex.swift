import CPCRE2

/// A regular expression that runs in time linear in the text it searches: PCRE2's DFA matcher,
/// which follows every alternative at once instead of backtracking, so `^(a+)+$` or `miit.*gov`
/// on a megabyte stays a single pass. Features that need backtracking (backreferences,
/// lookaround, recursion, conditionals, verbs) are refused when the pattern is compiled.
final class LinearRegex: @unchecked Sendable {
  /// Why a pattern was refused, in words, with the character where it happens (1-based).
  struct Refusal: Error, CustomStringConvertible {
    var description: String
  }

  /// Patterns longer than this are refused: the matcher's cost per character grows with them.
  static let maxPatternLength = 2_000
  /// Compiled programs larger than this (in bytes) are refused, e.g. `(a{1000}){1000}`.
  static let maxCompiledSize = 256 << 10

  // The compiled program is never mutated after init, and PCRE2 allows sharing it between threads.
  private let code: OpaquePointer

  init(_ pattern: String) throws(Refusal) {
    guard pattern.count <= Self.maxPatternLength else {
      throw Refusal(description: "the pattern is longer than \(Self.maxPatternLength) characters")
    }
    if let reason = Self.backtrackingFeature(in: pattern) { throw Refusal(description: reason) }
    // Compiled alone first, so that errors point into the pattern as written.
    _ = try Self.compile(pattern)
    // `(?s:.*)` in front with an anchored match makes one pass over the text, instead of one
    // attempt per starting position (which was quadratic).
    code = try Self.compile("(?s:.*)(?:" + pattern + ")")
    var size = 0
    if pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_SIZE), &size) == 0, size > Self.maxCompiledSize {
      pcre2_code_free_8(code)
      throw Refusal(description: "the pattern compiles to \(size) bytes (more than \(Self.maxCompiledSize)); use fewer or smaller counted repeats")
    }
  }

  deinit { pcre2_code_free_8(code) }

  private static func compile(_ pattern: String) throws(Refusal) -> OpaquePointer {
    var errorCode: Int32 = 0
    var errorOffset = 0
    let options = UInt32(PCRE2_UTF | PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C)
    let compiled: OpaquePointer? = pattern.utf8CString.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: UInt8.self) { bytes in
        pcre2_compile_8(bytes.baseAddress, bytes.count - 1, options, &errorCode, &errorOffset, nil)
      }
    }
    guard let compiled else {
      var message = [UInt8](repeating: 0, count: 256)
      let length = pcre2_get_error_message_8(errorCode, &message, message.count)
      let text = length > 0 ? String(decoding: message.prefix(Int(length)), as: UTF8.self) : "error \(errorCode)"
      let character = pattern.utf8.prefix(errorOffset).count == errorOffset
        ? String(decoding: pattern.utf8.prefix(errorOffset), as: UTF8.self).count + 1 : errorOffset + 1
      throw Refusal(description: "\(text) at character \(character)")
    }
    return compiled
  }

  /// Whether `text` contains a match; an error when the matcher gives up (it has no
  /// backtracking limit to hit, only its state workspace).
  func matches(_ text: String) -> Checked<Bool> {
    guard let matchData = pcre2_match_data_create_8(1, nil) else { return .problem("out of memory matching") }
    defer { pcre2_match_data_free_8(matchData) }
    var workspaceSize = 1_000
    while true {
      var workspace = [Int32](repeating: 0, count: workspaceSize)
      var subject = text
      let rc = subject.withUTF8 { bytes in
        pcre2_dfa_match_8(
          code, bytes.baseAddress, bytes.count, 0,
          UInt32(PCRE2_ANCHORED | PCRE2_NO_UTF_CHECK | PCRE2_DFA_SHORTEST),
          matchData, nil, &workspace, workspace.count)
      }
      if rc >= 0 { return .value(true) }
      if rc == -1 { return .value(false) }  // PCRE2_ERROR_NOMATCH
      if rc == -43, workspaceSize < 1 << 20 {  // PCRE2_ERROR_DFA_WSSIZE: more parallel states
        workspaceSize *= 8
        continue
      }
      return .problem("the regular expression could not be run (PCRE2 error \(rc))")
    }
  }

  /// The first feature of `pattern` that a non-backtracking matcher cannot run, described with
  /// the character where it starts; nil when there is none.
  static func backtrackingFeature(in pattern: String) -> String? {
    let chars = Array(pattern.unicodeScalars)
    var i = 0
    func at(_ k: Int) -> Character? { k < chars.count ? Character(chars[k]) : nil }
    func refuse(_ what: String, _ k: Int, _ length: Int) -> String {
      let shown = String(String.UnicodeScalarView(chars[k..<min(chars.count, k + length)]))
      return "\(what) ('\(shown)' at character \(k + 1)) cannot run in linear time"
    }
    while i < chars.count {
      switch at(i) {
      case "\\":
        switch at(i + 1) {
        case let c? where c.isASCII && c.isNumber && c != "0":
          return refuse("a backreference", i, 2)
        case "g", "k":
          return refuse("a backreference or subroutine call", i, 3)
        case "K":
          return refuse("resetting the match start", i, 2)
        case "Q":
          // Quoted text runs to `\E` (or to the end).
          var k = i + 2
          while k < chars.count, !(at(k) == "\\" && at(k + 1) == "E") { k += 1 }
          i = k + 2
          continue
        default:
          i += 2
          continue
        }
      case "[":
        // A class: skip to its closing bracket (`]` first, or after `^`, is a literal).
        var k = i + 1
        if at(k) == "^" { k += 1 }
        if at(k) == "]" { k += 1 }
        while k < chars.count, at(k) != "]" {
          if at(k) == "\\" { k += 1 } else if at(k) == "[", at(k + 1) == ":" {
            while k < chars.count, !(at(k) == ":" && at(k + 1) == "]") { k += 1 }
            k += 1
          }
          k += 1
        }
        i = k + 1
        continue
      case "(":
        if at(i + 1) == "*" { return refuse("a backtracking verb or alpha assertion", i, 6) }
        if at(i + 1) == "?" {
          let next = at(i + 2)
          let after = at(i + 3)
          switch next {
          case "=", "!": return refuse("a lookahead", i, 3)
          case "<" where after == "=" || after == "!": return refuse("a lookbehind", i, 4)
          case "(": return refuse("a conditional group", i, 3)
          case "R", "&", "+", "-" where after.map { $0.isNumber } ?? false:
            return refuse("recursion or a subroutine call", i, 3)
          case let c? where c.isASCII && c.isNumber:
            return refuse("recursion or a subroutine call", i, 3)
          case "P" where after == "=" || after == ">": return refuse("a named backreference or subroutine", i, 4)
          case "C": return refuse("a callout", i, 3)
          default:
            // Option settings such as `(?i)`; extended mode would swallow the wrapper.
            var k = i + 2
            while let c = at(k), c.isLetter || c == "-" || c == "^" {
              if c == "x" { return refuse("extended mode", i, k - i + 1) }
              k += 1
            }
          }
        }
      default:
        break
      }
      i += 1
    }
    return nil
  }
}
