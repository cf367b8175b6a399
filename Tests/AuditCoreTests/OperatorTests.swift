import Testing

@testable import AuditCore

/// Every operator's and combinator's own examples, run through the rule-pack example machinery
/// (STYLE.md: "An operator is a unit").
@Suite struct OperatorTests {
  static let names = OperatorRegistry.examples.map(\.name)

  @Test(arguments: names)
  func exampleGivesItsStatus(name: String) throws {
    let example = try #require(OperatorRegistry.examples.first { $0.name == name }?.example)
    let (status, diagnostics) = ExampleRunner.run(example)
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    #expect(status == example.expected, "\(example.predicate) on \(example.subject)")
  }

  @Test(arguments: OperatorRegistry.keys + Combinator.keys)
  func everyOperatorShowsItHoldingAndFailing(key: String) {
    let examples = OperatorRegistry.examples.filter { $0.name.hasPrefix(key + " #") }.map(\.example.expected)
    #expect(examples.contains(.pass))
    #expect(examples.contains(.fail))
  }

  @Test func operatorKeysAreUnique() {
    #expect(Set(OperatorRegistry.keys).count == OperatorRegistry.keys.count)
    #expect(Set(OperatorRegistry.keys).isDisjoint(with: Combinator.keys + ["path"]))
  }
}
