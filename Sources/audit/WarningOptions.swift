import ArgumentParser
import AuditCore

/// `--allow CODE` and `--strict`, shared by run, check, diff and history: which warnings a team
/// accepts, and whether the rest fail the command. The policy itself is `WarningPolicy`.
struct WarningOptions: ParsableArguments {
  @Option(name: .customLong("allow"),
    help: ArgumentHelp("Drop warnings with this code (e.g. W302); repeat, or separate with commas.", valueName: "code"))
  var allow: [String] = []

  @Flag(help: "Count every warning not allowed as an error (exit 2); for run, count unknown results as failures too.")
  var strict = false

  /// The policy these options ask for.
  var policy: WarningPolicy { WarningPolicy(allowed: listValues(allow), strict: strict) }

  func validate() throws {
    if let problem = policy.problems.first { throw ValidationError(problem.description) }
  }
}
