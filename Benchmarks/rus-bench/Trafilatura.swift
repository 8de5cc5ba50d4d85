import Foundation

/// The comparison row: trafilatura (Python, lxml) on the same pages, when it is installed.
enum TrafilaturaComparison {
    struct Result: Codable {
        var version: String
        var lxmlLibxml2: String
        var pages: Int
        var bytes: Int
        var rawSeconds: Double
        var extractSeconds: Double
        var failures: Int
        var peakKB: Int
    }

    /// Times `lxml.html.document_fromstring` (lxml's libxml2 HTML parse) and
    /// `trafilatura.extract` (default settings) over the same files, in one Python process.
    static let script = #"""
    import json, resource, sys, time
    import lxml.etree, lxml.html, trafilatura
    paths = sys.argv[1:]
    data = [open(p, "rb").read() for p in paths]
    failures = 0
    def raw():
        global failures
        for d in data:
            try:
                lxml.html.document_fromstring(d)
            except Exception:
                failures += 1
    raw()
    start = time.perf_counter(); raw(); raw_seconds = time.perf_counter() - start
    failures = 0
    start = time.perf_counter()
    for d in data:
        if trafilatura.extract(d) is None:
            failures += 1
    extract_seconds = time.perf_counter() - start
    print(json.dumps({
        "version": trafilatura.__version__,
        "lxmlLibxml2": ".".join(map(str, lxml.etree.LIBXML_VERSION)),
        "pages": len(data), "bytes": sum(map(len, data)),
        "rawSeconds": raw_seconds, "extractSeconds": extract_seconds, "failures": failures,
        "peakKB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }))
    """#

    /// Runs the script with `python3` over `files`; `nil` when Python or trafilatura is missing.
    static func run(files: [String], workDirectory: String) -> Result? {
        guard shell(["python3", "-c", "import trafilatura, lxml.html"]) != nil else { return nil }
        let scriptPath = workDirectory + "/trafilatura_bench.py"
        guard FileManager.default.createFile(atPath: scriptPath, contents: Data(script.utf8)) else { return nil }
        guard let output = shell(["python3", scriptPath] + files),
              let line = output.split(separator: "\n").last else { return nil }
        return try? JSONDecoder().decode(Result.self, from: Data(line.utf8))
    }
}
