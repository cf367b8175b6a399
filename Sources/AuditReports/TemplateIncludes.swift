import AuditCore
import Mustache

/// The partials each template includes (`{{> name}}`, `{{< name}}`), read from its text, so that
/// templates which include themselves — directly or through others — are refused when they load
/// instead of recursing until the stack overflows, and so that a chain of partials cannot expand a
/// small override into gigabytes of template text.
enum TemplateIncludes {
  /// The most template text one template may expand to through its partials (built-ins: ~100 KB).
  static let maxExpandedBytes = 8 << 20

  /// One `{{> name}}` tag: the partial, and where the tag starts (1-based line and column).
  struct Include: Equatable {
    var name: String
    var line: Int
    var column: Int
  }

  /// The partial names `text` includes, in order (dynamic names, `{{>*name}}`, are not known here).
  static func names(in text: String) -> [String] { includes(in: text).map(\.name) }

  /// The partials `text` includes, with where each tag is.
  static func includes(in text: String) -> [Include] {
    var names: [Include] = []
    var line = 1
    var lineStart = 0
    var counted = 0
    var open: [UInt8] = Array("{{".utf8)
    var close: [UInt8] = Array("}}".utf8)
    let bytes = Array(text.utf8)
    var i = 0
    while let start = find(open, in: bytes, from: i) {
      var j = start + open.count
      let sigil = j < bytes.count ? bytes[j] : 0
      if sigil == UInt8(ascii: "=") {
        // `{{=<% %>=}}`: new delimiters up to `=` + the current close.
        guard let end = find(Array("=".utf8) + close, in: bytes, from: j + 1) else { break }
        let parts = String(decoding: bytes[(j + 1)..<end], as: UTF8.self).split(whereSeparator: \.isWhitespace)
        if parts.count == 2 {
          open = Array(parts[0].utf8)
          close = Array(parts[1].utf8)
        }
        i = end + 1 + close.count
        continue
      }
      let closing = sigil == UInt8(ascii: "{") ? Array("}".utf8) + close : close
      guard let end = find(closing, in: bytes, from: j) else { break }
      if sigil == UInt8(ascii: ">") || sigil == UInt8(ascii: "<") {
        j += 1
        while j < end, bytes[j] == UInt8(ascii: " ") || bytes[j] == UInt8(ascii: "\t") { j += 1 }
        if j < end, bytes[j] != UInt8(ascii: "*") {
          let name = String(decoding: bytes[j..<end], as: UTF8.self).trimmingCharacters(in: .whitespaces)
          if !name.isEmpty {
            while counted < start {
              if bytes[counted] == UInt8(ascii: "\n") {
                line += 1
                lineStart = counted + 1
              }
              counted += 1
            }
            let column = String(decoding: bytes[lineStart..<start], as: UTF8.self).count + 1
            names.append(Include(name: name, line: line, column: column))
          }
        }
      }
      i = end + closing.count
    }
    return names
  }

  /// A cycle among `graph` (template → included templates), as the names along it from a template
  /// back to itself (`["a", "b", "a"]`), or `nil`. Iterative, so a long chain cannot overflow.
  static func cycle(in graph: [String: [String]]) -> [String]? {
    var state: [String: Bool] = [:]  // false: on the current path; true: done
    for root in graph.keys.sorted() where state[root] == nil {
      var path: [(name: String, next: Int)] = [(root, 0)]
      state[root] = false
      while let top = path.last {
        let children = graph[top.name] ?? []
        guard top.next < children.count else {
          state[top.name] = true
          path.removeLast()
          continue
        }
        path[path.count - 1].next += 1
        let child = children[top.next]
        guard graph[child] != nil else { continue }  // not a template: the renderer reports it
        switch state[child] {
        case false?:
          let names = path.map(\.name)
          return Array(names[(names.firstIndex(of: child) ?? 0)...]) + [child]
        case true?:
          continue
        case nil:
          state[child] = false
          path.append((child, 0))
        }
      }
    }
    return nil
  }

  /// How many bytes of template text each template expands to with its partials inlined (the
  /// graph has no cycle), saturating rather than overflowing.
  static func expandedSizes(_ graph: [String: [String]], sizes: [String: Int]) -> [String: Int] {
    var memo: [String: Int] = [:]
    func size(_ name: String) -> Int {
      if let known = memo[name] { return known }
      var total = sizes[name] ?? 0
      for child in graph[name] ?? [] where graph[child] != nil {
        let (sum, overflow) = total.addingReportingOverflow(size(child))
        total = overflow ? Int.max : sum
      }
      memo[name] = total
      return total
    }
    for name in graph.keys.sorted() { _ = size(name) }
    return memo
  }

  private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
    guard !needle.isEmpty, start <= haystack.count - needle.count else { return nil }
    var i = start
    while i <= haystack.count - needle.count {
      if haystack[i] == needle[0], haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
      i += 1
    }
    return nil
  }
}

/// How many section iterations one render of an override template may make: a few passes over
/// every list in the data, so that nested sections over the same list (`{{#results}}{{#results}}`),
/// whose output grows as a power of the list's length, stop instead of filling memory.
final class RenderBudget: @unchecked Sendable {
  private(set) var remaining: Int
  private(set) var exceeded = false
  let limit: Int

  init(elements: Int) {
    limit = 16 * elements + 100_000
    remaining = limit
  }

  /// Takes one iteration; `false` once the budget is spent.
  func take() -> Bool {
    guard remaining > 0 else {
      exceeded = true
      return false
    }
    remaining -= 1
    return true
  }

  /// `value` with every array in it (at any depth) counted against this budget; also returns
  /// how many elements the arrays hold.
  static func wrap(_ value: Any) -> (Any, RenderBudget) {
    var elements = 0
    func count(_ value: Any) {
      if let array = value as? [Any] {
        elements += array.count
        array.forEach(count)
      } else if let object = value as? [String: Any] {
        object.values.forEach(count)
      }
    }
    count(value)
    let budget = RenderBudget(elements: elements)
    func wrap(_ value: Any) -> Any {
      if let array = value as? [Any] { return BudgetedList(elements: array.map(wrap), budget: budget) }
      if let object = value as? [String: Any] { return object.mapValues(wrap) }
      return value
    }
    return (wrap(value), budget)
  }
}

/// A list in template data whose iterations are counted against a `RenderBudget`.
struct BudgetedList: MustacheSequence, MustacheTransformable {
  let elements: [Any]
  let budget: RenderBudget

  func makeIterator() -> Iterator { Iterator(base: elements.makeIterator(), budget: budget) }

  func transform(_ name: String) -> Any? { elements.transform(name) }

  struct Iterator: IteratorProtocol {
    var base: IndexingIterator<[Any]>
    let budget: RenderBudget

    mutating func next() -> Any? {
      guard let element = base.next() else { return nil }
      return budget.take() ? element : nil
    }
  }
}
