import ArgumentParser
import RegionalStrategies

/// `--limit NAME=VALUE`: raises or lowers one of the readers' `ParseLimits`.
struct LimitOptions: ParsableArguments {
    @Option(
        name: .customLong("limit"),
        help: ArgumentHelp(
            "Change a reading limit, e.g. --limit feed-items=500000 (repeatable). Limits: "
                + ParseLimit.allCases.map { "\($0.rawValue) (default \(ParseLimits()[$0]))" }.joined(separator: ", ") + ".",
            valueName: "name=value"
        )
    )
    var settings: [String] = []

    /// The defaults with the given changes.
    var limits: ParseLimits {
        get throws {
            var limits = ParseLimits()
            for setting in settings {
                let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let limit = ParseLimit(rawValue: parts[0]) else {
                    throw ValidationError("--limit \(setting): expected NAME=VALUE with NAME one of \(ParseLimit.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                guard let value = Int(parts[1].replacingOccurrences(of: "_", with: "")), value > 0 else {
                    throw ValidationError("--limit \(setting): the value must be a positive whole number")
                }
                if limit == .depth, value > 256 {
                    throw ValidationError("--limit depth=\(value): 256 is the most libxml2 reads safely")
                }
                limits[limit] = value
            }
            return limits
        }
    }

    func validate() throws { _ = try limits }
}
