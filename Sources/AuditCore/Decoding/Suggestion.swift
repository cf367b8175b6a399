/// "Did you mean" for misspelt keys and values: the closest candidate by edit distance.
enum Suggestion {
  /// The candidate nearest to `word`, if it is near enough to be a likely typo.
  static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
    let lowered = word.lowercased()
    var best: (String, Int)?
    for candidate in candidates {
      if candidate.lowercased() == lowered { return candidate }
      let distance = editDistance(lowered, candidate.lowercased())
      let longer = max(word.count, candidate.count)
      if distance <= max(1, longer / 3), distance < min(word.count, candidate.count),
        distance < best?.1 ?? Int.max
      {
        best = (candidate, distance)
      }
    }
    return best?.0
  }

  /// Most edit distances that one `Memo` computes; names met after that get no suggestion.
  static let comparisonBudget = 40_000

  /// Suggestions remembered per name, with a bound on the work, so a file of thousands of
  /// misspelt names never costs names × candidates edit distances.
  struct Memo {
    private var closest: [String: String?] = [:]
    /// Candidates handed to `Suggestion.closest` so far (an edit distance each at most): the
    /// budget's meter, and what tests read to check that it is bounded.
    private(set) var comparisons = 0

    mutating func closest(to word: String, in candidates: [String]) -> String? {
      if let known = closest[word] { return known }
      guard comparisons + candidates.count <= Suggestion.comparisonBudget else { return nil }
      comparisons += candidates.count
      let found = Suggestion.closest(to: word, in: candidates)
      closest[word] = .some(found)
      return found
    }

    mutating func hint(for word: String, in candidates: [String]) -> String {
      if let match = closest(to: word, in: candidates) { return "did you mean '\(match)'?" }
      if candidates.count > 20 { return "expected one of \(candidates.count) ids, e.g. \(candidates.prefix(5).joined(separator: ", "))" }
      return "expected one of: \(candidates.joined(separator: ", "))"
    }
  }

  /// "did you mean 'x'?" or a list of what is allowed.
  static func hint(for word: String, in candidates: [String]) -> String {
    if let match = closest(to: word, in: candidates) { return "did you mean '\(match)'?" }
    return "expected one of: \(candidates.joined(separator: ", "))"
  }

  /// Edit distance counting insertions, deletions, substitutions and swaps of neighbours
  /// (optimal string alignment), over Unicode scalars.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars)
    let b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    if abs(a.count - b.count) > 8 { return abs(a.count - b.count) }
    var beforePrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = min(current[j], beforePrevious[j - 2] + 1)
        }
      }
      (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return previous[b.count]
  }
}
