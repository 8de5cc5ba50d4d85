import Foundation
import HostileCorpus

// `rus-bench hostile [--json PATH]`: every case of the hostile corpus (Benchmarks/HostileCorpus),
// each in a process of its own, with its outcome, the time its reader took and the process's
// peak memory (the input included), against the targets of under 1 second and 256 MB.
// `swift test` asserts the outcomes; this measures them.

struct HostileMeasurement: Codable {
    var name: String
    var expected: String
    var kind: String
    var seconds: Double
    var peakKB: Int
    var inputBytes: Int
    var leaked: Bool

    var passes: Bool { kind == expected && seconds < 1 && peakKB < 256 * 1024 && !leaked }
}

func hostileCorpus(secret: String) -> [HostileCase] {
    // Port 9 (discard) on the loopback: nothing listens, and the readers must not try.
    HostileCorpus.cases(secretPath: secret, canaryURL: "http://127.0.0.1:9/canary.dtd")
}

func hostileMain(_ arguments: [String]) -> Never {
    let json = arguments.firstIndex(of: "--json").flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
    let secret = NSTemporaryDirectory() + "rus-bench-secret-\(ProcessInfo.processInfo.processIdentifier).txt"
    _ = FileManager.default.createFile(atPath: secret, contents: Data("RUS-BENCH-SECRET-\(UUID().uuidString)".utf8))
    defer { try? FileManager.default.removeItem(atPath: secret) }
    let cases = hostileCorpus(secret: secret)
    var results: [HostileMeasurement] = []
    print("| Case | Reader | Input MB | Expected | Outcome | ms | Peak MB | |")
    print("|---|---|---:|---|---|---:|---:|---|")
    for index in cases.indices {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["--hostile-child", String(index), secret]
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch {
            log("cannot start a child: \(error)")
            exit(2)
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let result = (try? JSONDecoder().decode(HostileMeasurement.self, from: data)) ?? HostileMeasurement(
            name: cases[index].name, expected: cases[index].expected, kind: "crashed (status \(process.terminationStatus))",
            seconds: .infinity, peakKB: -1, inputBytes: 0, leaked: false
        )
        results.append(result)
        let parts = result.name.split(separator: "/")
        print("| \(parts.first ?? "") | \(parts.last ?? "") | \(String(format: "%.1f", Double(result.inputBytes) / 1e6)) | \(result.expected) | \(result.kind) | "
              + "\(String(format: "%.0f", result.seconds * 1000)) | \(String(format: "%.1f", Double(result.peakKB) / 1024)) | \(result.passes ? "ok" : "**FAIL**") |")
    }
    let failed = results.filter { !$0.passes }
    let slowest = results.max { $0.seconds < $1.seconds }
    let largest = results.max { $0.peakKB < $1.peakKB }
    print("")
    print("\(results.count) cases, \(failed.count) failing; slowest \(slowest.map { "\($0.name) \(String(format: "%.0f", $0.seconds * 1000)) ms" } ?? "-"), "
          + "largest peak \(largest.map { "\($0.name) \(String(format: "%.1f", Double($0.peakKB) / 1024)) MB" } ?? "-")")
    if let json, let data = try? JSONEncoder().encode(results) { _ = FileManager.default.createFile(atPath: json, contents: data) }
    exit(failed.isEmpty ? 0 : 1)
}

/// One case in this process: `rus-bench --hostile-child INDEX SECRET`.
func hostileChild(_ arguments: [String]) -> Never {
    guard arguments.count == 2, let index = Int(arguments[0]), let marker = FileManager.default.contents(atPath: arguments[1]) else { exit(2) }
    let cases = hostileCorpus(secret: arguments[1])
    guard cases.indices.contains(index) else { exit(2) }
    let hostile = cases[index]
    let bytes = hostile.bytes
    let outcome = hostile.run(bytes)
    // The peak includes the input and the text made of the result (for the leak check).
    let result = HostileMeasurement(
        name: hostile.name, expected: hostile.expected, kind: outcome.kind, seconds: outcome.seconds, peakKB: procStatusKB("VmHWM") ?? -1,
        inputBytes: bytes.count, leaked: outcome.text.contains(String(decoding: marker, as: UTF8.self))
    )
    FileHandle.standardOutput.write((try? JSONEncoder().encode(result)) ?? Data())
    exit(0)
}
