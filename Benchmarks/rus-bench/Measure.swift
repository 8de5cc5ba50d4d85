import Foundation

/// Monotonic wall-clock seconds.
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// A field of `/proc/self/status` in kB (`VmHWM`: peak resident set; `VmRSS`: current).
func procStatusKB(_ key: String) -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
        return Int(line.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
    }
    return nil
}

/// What one run of a workload did, for throughput.
struct Work: Codable {
    var bytes = 0
    var documents = 0
    var items = 0
    var failures = 0

    static func + (a: Work, b: Work) -> Work {
        Work(bytes: a.bytes + b.bytes, documents: a.documents + b.documents, items: a.items + b.items, failures: a.failures + b.failures)
    }
}

/// The best (least) and median time of repeated runs of one workload, with what it did.
struct Timing {
    var name: String
    var work: Work
    var times: [Double]

    /// Whether the figures are at the median round instead of the best: for rounds timed in
    /// processes of their own, where a round's time follows the state the rounds before left in
    /// the heap (xml-raw's six rounds on the 20 MB feed: 84, 121, 109, 125, 141, 100 MB/s, the
    /// same in every process) and the best round is only the luckiest. (The mean would follow
    /// such a cycle better, but the rounds of the small feeds, 2 ms each, have outliers.)
    var overAllRounds = false

    var best: Double { times.min() ?? .nan }
    var median: Double {
        let sorted = times.sorted()
        return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }
    /// The time the figures below are at.
    var reported: Double { overAllRounds ? median : best }

    /// Decimal megabytes (10^6 bytes) per second.
    var megabytesPerSecond: Double { Double(work.bytes) / 1e6 / reported }
    var documentsPerSecond: Double { Double(work.documents) / reported }
    var itemsPerSecond: Double { Double(work.items) / reported }
}

/// Runs each workload `repeats` times, interleaved (a, b, c, a, b, c, …) so that noise from
/// other processes on the machine falls on all of them alike, after one warm-up round, all in
/// this process (`--in-process`; see `timeIsolated` for why that is not the default).
func timeInterleaved(_ workloads: [(name: String, run: () -> Work)], repeats: Int) -> [Timing] {
    var timings = workloads.map { Timing(name: $0.name, work: Work(), times: []) }
    for (i, w) in workloads.enumerated() { timings[i].work = w.run() }
    for _ in 0..<repeats {
        for (i, w) in workloads.enumerated() {
            let start = now()
            let work = w.run()
            timings[i].times.append(now() - start)
            timings[i].work = work
        }
    }
    return timings
}

/// Runs each workload in child processes of its own (`rus-bench --steady`), `repeats` children
/// each, interleaved (a, b, c, a, b, c, …) so that noise from other processes on the machine
/// falls on all of them alike. A child loads the files, runs one untimed round, then times
/// `rounds` more: each timed round starts from the state a loop of that workload alone leaves.
///
/// In one process the workloads would share glibc's heap, whose state decides much of the time
/// of these allocation-heavy workloads: freed small blocks wait in its fast bins and are merged
/// (`malloc_consolidate`) at the next large allocation, whoever makes it, and how much memory is
/// trimmed or kept depends on the sizes freed before. Timed after one another, the 10 MB page's
/// outline paid for merging the 700,000 blocks of the tree html-raw had just freed, and html-raw
/// did not pay for its own; other orders favour other workloads.
///
/// The figures are at the median of all timed rounds (`Timing.overAllRounds`).
func timeIsolated(_ workloads: [String], paths: [String], repeats: Int, rounds: Int = 6) throws -> [Timing] {
    var timings = workloads.map { Timing(name: $0, work: Work(), times: [], overAllRounds: true) }
    for _ in 0..<repeats {
        for (i, workload) in workloads.enumerated() {
            let child = try runSteady(workload, rounds: rounds, paths: paths)
            timings[i].times += child.times
            timings[i].work = child.work
        }
    }
    return timings
}

/// What a `--steady` child measured.
struct SteadyResult: Codable {
    /// Each timed round's seconds.
    var times: [Double]
    /// What one round did.
    var work: Work
}

/// Runs `rus-bench --steady <workload> <rounds> <paths…>` and decodes its one-line JSON answer.
func runSteady(_ workload: String, rounds: Int, paths: [String]) throws -> SteadyResult {
    let data = try runSelf(["--steady", workload, String(rounds)] + paths, name: workload)
    return try JSONDecoder().decode(SteadyResult.self, from: data)
}

/// Runs this executable with `arguments` and returns its standard output.
func runSelf(_ arguments: [String], name: String) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw BenchError("child '\(name)' exited with status \(process.terminationStatus)")
    }
    return data
}

/// The result of one sub-measurement run in a child process of this executable.
struct ChildResult: Codable {
    var workload: String
    var peakKB: Int
    var seconds: Double
    var bytes: Int
    var documents: Int
    var items: Int
    var failures: Int
}

/// Runs `rus-bench --child <workload> <paths…>` and decodes its one-line JSON answer.
func runChild(_ workload: String, _ paths: [String]) throws -> ChildResult {
    try JSONDecoder().decode(ChildResult.self, from: try runSelf(["--child", workload] + paths, name: workload))
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs a command and returns its standard output, or `nil` when it cannot run or fails.
func shell(_ arguments: [String], timeout: Double? = nil) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self)
}

/// Formats a number with a fixed count of decimals.
func fmt(_ value: Double, _ decimals: Int = 1) -> String {
    value.isFinite ? String(format: "%.\(decimals)f", value) : "–"
}

/// MB (10^6 bytes) from kB (1024 bytes).
func megabytes(kB: Int) -> String { fmt(Double(kB) * 1024 / 1e6) }
