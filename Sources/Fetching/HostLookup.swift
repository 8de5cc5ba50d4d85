import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Name lookup before a run, so that a machine without network (or DNS) gets one clear line
/// instead of a failure per document.
public enum HostLookup {
    /// `nil` when `host` resolves; otherwise why not (the resolver's words).
    public static func problem(resolving host: String) -> String? {
        var hints = addrinfo()
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var result: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, "443", &hints, &result)
        if let result { freeaddrinfo(result) }
        guard status != 0 else { return nil }
        return String(cString: gai_strerror(status))
    }
}
