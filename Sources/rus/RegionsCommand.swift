import ArgumentParser
import RegionalStrategies

struct RegionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regions",
        abstract: "List the bundled regions."
    )

    func run() async throws {
        var lines = ["id               name             county  NUTS   organisation"]
        for module in BundledRegions.all {
            let r = module.region
            lines.append([pad(r.id, 16), pad(r.name, 16), pad(r.countyCode, 7), pad(r.nutsCode, 6), r.organisation].joined(separator: " "))
        }
        print(lines.joined(separator: "\n"))
    }

    private func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }
}
