/// Runs the `examples:` of rule packs (`audit test`), and the examples of operators through the
/// same machinery, so that an operator cannot ship without examples that hold.
public enum ExampleRunner {
  /// One example's outcome.
  public struct Outcome: Sendable {
    public var obligation: Obligation
    public var example: RuleExample
    public var result: Result
    public var passed: Bool { result.status == example.status }
  }

  /// Every example of every obligation in the packs, in pack and id order.
  public static func run(_ packs: [RulePack]) -> [Outcome] {
    var outcomes: [Outcome] = []
    run(packs) { outcomes += $0 }
    return outcomes
  }

  /// The same outcomes, handed to `body` a batch at a time (the loader's batch of files, each
  /// evaluated on every core) and then released: `audit test` over packs with many examples
  /// holds no more than a batch of results.
  public static func run(_ packs: [RulePack], batch: Int = Workspace.batchSize, _ body: ([Outcome]) throws -> Void) rethrows {
    let examples = packs.flatMap { $0.obligations.sorted { $0.id < $1.id } }.flatMap { obligation in
      obligation.examples.indices.map { (obligation: obligation, index: $0) }
    }
    var start = 0
    while start < examples.count {
      let slice = Array(examples[start..<min(examples.count, start + max(1, batch))])
      try body(parallelMap(slice) { item in
        let example = item.obligation.examples[item.index]
        return Outcome(obligation: item.obligation, example: example, result: evaluate(item.obligation, example))
      })
      start += max(1, batch)
    }
  }

  /// The result an example gives, scoping included, as the engine would give it.
  public static func evaluate(_ obligation: Obligation, _ example: RuleExample) -> Result {
    let subject = example.manifest
    if let outside = Engine.outOfScope(obligation, subject: subject, location: example.location) {
      return outside
    }
    let affiliated = example.counterparty.map { other in example.affiliates.contains { $0.platform == other.id } } ?? false
    if let other = example.counterparty,
      !Engine.inScope(other, of: obligation) || !(obligation.counterparties?.matches(affiliated: affiliated) ?? true)
    {
      return Result(obligation: obligation.id, pack: obligation.pack, platform: subject.id,
        counterparty: other.id, status: .notApplicable, severity: obligation.severity,
        reason: Message(.counterpartyOutOfScope).english, location: example.location)
    }
    return ObligationEvaluator.evaluate(obligation, subject: subject,
      counterparty: example.counterparty, asOf: example.asOf, affiliates: example.affiliates)
  }

  /// Obligations lacking a passing or a failing example, as warnings.
  public static func coverage(_ packs: [RulePack]) -> [Diagnostic] {
    packs.flatMap(\.obligations).sorted { $0.location < $1.location }.compactMap { obligation in
      let statuses = Set(obligation.examples.map(\.status))
      let missing = [Status.pass, .fail].filter { !statuses.contains($0) }
      guard !missing.isEmpty else { return nil }
      return .warning(.exampleMissing, obligation.location,
        "obligation '\(obligation.id)' has no \(missing.map(\.rawValue).joined(separator: " or ")) example",
        hint: "add examples that show it holding and failing")
    }
  }

  /// Runs one operator example: builds a one-obligation pack around it and runs that.
  public static func run(_ example: OperatorExample) -> (status: Status?, diagnostics: [Diagnostic]) {
    let (result, diagnostics) = result(of: example)
    return (result?.status, diagnostics)
  }

  /// The result of one operator example, with the messages it says; `nil` when it does not load.
  public static func result(of example: OperatorExample) -> (result: Result?, diagnostics: [Diagnostic]) {
    let per = example.counterparty != nil ? "pair"
      : example.predicate.contains("{counterparty}") ? "counterparty" : "platform"
    var yaml = """
      kind: rules
      pack: operator-examples
      scales: {\(OperatorExample.scaleName): [\(OperatorExample.scaleLevels.joined(separator: ", "))]}
      obligations:
        - id: EXAMPLE
          title: example
          severity: low
          per: \(per)
          require: \(example.predicate)
          examples:
            - status: \(example.expected.rawValue)
              manifest: {capabilities: \(example.subject)}

      """
    if let counterparty = example.counterparty {
      yaml += "        counterparty: {capabilities: \(counterparty)}\n"
    }
    if let affiliates = example.affiliates {
      yaml += "        affiliates: [\(affiliates.joined(separator: ", "))]\n"
    }
    let file = SourceFile.parse(Array(yaml.utf8), path: "<example>")
    let workspace = Workspace.load(files: [file])
    guard !workspace.diagnostics.hasErrors, let obligation = workspace.obligations.first,
      let ruleExample = obligation.examples.first
    else { return (nil, workspace.diagnostics) }
    return (evaluate(obligation, ruleExample), workspace.diagnostics)
  }
}
