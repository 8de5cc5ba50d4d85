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
struct Work {
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

    var best: Double { times.min() ?? .nan }
    var median: Double {
        let sorted = times.sorted()
        return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }

    /// Decimal megabytes (10^6 bytes) per second at the best time.
    var megabytesPerSecond: Double { Double(work.bytes) / 1e6 / best }
    var documentsPerSecond: Double { Double(work.documents) / best }
    var itemsPerSecond: Double { Double(work.items) / best }
}

/// Runs each workload `repeats` times, interleaved (a, b, c, a, b, c, …) so that noise from
/// other processes on the machine falls on all of them alike, after one warm-up round.
///
/// With `settle` (the default), each timed round comes right after an untimed round of the same
/// workload. A round leaves work behind in the allocator: glibc keeps freed small blocks in its
/// fast bins and merges them (`malloc_consolidate`) at the next large allocation, whoever makes
/// it. Timed straight after another workload, a round would pay for that workload's frees (a
/// parsed libxml2 tree is hundreds of thousands of blocks) and leave its own to the next one;
/// after a round of itself it pays what it would pay in a loop of its own, as a program reading
/// page after page does.
func timeInterleaved(_ workloads: [(name: String, run: () -> Work)], repeats: Int, settle: Bool) -> [Timing] {
    var timings = workloads.map { Timing(name: $0.name, work: Work(), times: []) }
    for (i, w) in workloads.enumerated() { timings[i].work = w.run() }
    for _ in 0..<repeats {
        for (i, w) in workloads.enumerated() {
            if settle { _ = w.run() }
            let start = now()
            let work = w.run()
            timings[i].times.append(now() - start)
            timings[i].work = work
        }
    }
    return timings
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
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    process.arguments = ["--child", workload] + paths
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw BenchError("child '\(workload)' exited with status \(process.terminationStatus)")
    }
    return try JSONDecoder().decode(ChildResult.self, from: data)
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
