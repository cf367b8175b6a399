import ArgumentParser
import AuditCore

/// `--allow CODE` and `--strict`, shared by run, check, diff, history and timeline: which warnings a team
/// accepts, and whether the rest fail the command. The config file's `allow` and `strict` are
/// the defaults; the command line adds codes and overrides `strict` (`--no-strict`). The policy
/// itself is `WarningPolicy`.
struct WarningOptions: ParsableArguments {
  @Option(name: .customLong("allow"),
    help: ArgumentHelp("Drop warnings with this code (e.g. W302); repeat, or separate with commas (added to the config's allow).", valueName: "code"))
  var allow: [String] = []

  @Flag(inversion: .prefixedNo,
    help: "Count every warning not allowed as an error (exit 2); for run, count unknown results as failures too (default: the config's strict, else off).")
  var strict: Bool?

  /// Whether `--strict` holds: the command line, else the config, else off.
  func isStrict(_ project: ProjectConfig?) -> Bool { strict ?? project?.strict ?? false }

  /// The policy these options and the config ask for; a misspelt code in either is an error.
  func policy(_ project: ProjectConfig?) throws(DiagnosticError) -> WarningPolicy {
    let policy = WarningPolicy(allowed: (project?.allowedWarningCodes ?? []) + listValues(allow), strict: isStrict(project))
    if !policy.problems.isEmpty { throw DiagnosticError(policy.problems) }
    return policy
  }

  func validate() throws {
    let given = WarningPolicy(allowed: listValues(allow), strict: false)
    if let problem = given.problems.first { throw ValidationError(problem.description) }
  }
}
