/// Every leaf operator, by key. A new operator is one new file and one line here.
public enum OperatorRegistry {
  public static let all: [any Operator.Type] = [
    Equals.self,
    In.self,
    NotIn.self,
    Contains.self,
    ContainsAll.self,
    ContainsAny.self,
    Exists.self,
    AtLeast.self,
    AtMost.self,
    Matches.self,
    Before.self,
    After.self,
    NoWorseThan.self,
  ]

  /// The operator type for a key, if any.
  public static func type(for key: String) -> (any Operator.Type)? {
    all.first { $0.key == key }
  }

  public static var keys: [String] { all.map { $0.key } }

  /// Every example of every operator and combinator, named for test output.
  public static var examples: [(name: String, example: OperatorExample)] {
    var named: [(String, OperatorExample)] = []
    for type in all {
      for (i, example) in type.examples.enumerated() { named.append(("\(type.key) #\(i + 1)", example)) }
    }
    for (key, examples) in Combinator.examples {
      for (i, example) in examples.enumerated() { named.append(("\(key) #\(i + 1)", example)) }
    }
    return named
  }
}
