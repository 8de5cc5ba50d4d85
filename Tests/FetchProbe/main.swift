// Fetches the URLs given into a cache as region "probe", printing one line per result. The
// fetching tests start it as a child process and kill it mid-download to check the cache.
//
//     fetch-probe CACHE-DIR URL...
import Fetching
import Foundation

let arguments = CommandLine.arguments.dropFirst()
guard let cacheDir = arguments.first, arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: fetch-probe CACHE-DIR URL...\n".utf8))
    exit(2)
}
let fetcher = Fetcher(
    cache: SnapshotCache(root: URL(fileURLWithPath: cacheDir)),
    configuration: FetchConfiguration(contact: "https://example.invalid/fetch-probe", minDelay: 0, timeout: 20)
)
try SnapshotCache(root: URL(fileURLWithPath: cacheDir)).prepare()
for url in arguments.dropFirst() {
    let result = await fetcher.fetch(url, region: "probe", role: nil)
    print("\(url) \(result.outcome)")
}
