import CRE2

/// A regular expression that runs in time linear in the text it searches: RE2, which simulates
/// an automaton instead of backtracking, so `^(a+)+$` or `miit.*gov` on a megabyte is one pass.
/// (PCRE2's "DFA" matcher was tried first and is cubic on `(a+)+`.) Features that need
/// backtracking (backreferences, lookaround, recursion, conditionals, verbs) are refused when
/// the pattern is compiled, with the reason.
final class LinearRegex: @unchecked Sendable {
  /// Why a pattern was refused, in words, with the character where it happens (1-based).
  struct Refusal: Error, CustomStringConvertible {
    var description: String
  }

  /// Patterns longer than this are refused: the matcher's cost per character grows with them.
  static let maxPatternLength = 2_000
  /// Compiled programs larger than this (RE2's instruction count) are refused, e.g. `(a{1000}){1000}`.
  static let maxProgramSize = 20_000

  // The compiled program is never mutated after init; RE2 objects are safe to share between threads.
  private let regex: OpaquePointer

  init(_ pattern: String) throws(Refusal) {
    guard pattern.count <= Self.maxPatternLength else {
      throw Refusal(description: "the pattern is longer than \(Self.maxPatternLength) characters")
    }
    if let reason = Self.backtrackingFeature(in: pattern) { throw Refusal(description: reason) }
    var error = [CChar](repeating: 0, count: 256)
    var bytes = Array(pattern.utf8)
    let compiled = bytes.withUnsafeMutableBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        cre2_compile(chars.baseAddress, chars.count, &error, error.count)
      }
    }
    guard let compiled else {
      let message = String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      throw Refusal(description: message.isEmpty ? "the pattern does not compile" : message)
    }
    let size = Int(cre2_program_size(compiled))
    guard size <= Self.maxProgramSize else {
      cre2_free(compiled)
      throw Refusal(description: "the pattern compiles to \(size) instructions (more than \(Self.maxProgramSize)); use fewer or smaller counted repeats")
    }
    regex = compiled
  }

  deinit { cre2_free(regex) }

  /// Whether `text` contains a match.
  func matches(_ text: String) -> Checked<Bool> {
    var text = text
    let found = text.withUTF8 { bytes in
      bytes.withMemoryRebound(to: CChar.self) { chars in cre2_search(regex, chars.baseAddress, chars.count) }
    }
    return .value(found == 1)
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
          case "R", "&", "+":
            return refuse("recursion or a subroutine call", i, 3)
          // `(?-1)` is a relative subroutine call; `(?-i)` turns a flag off, which RE2 has.
          case "-" where after.map { $0.isNumber } ?? false:
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
