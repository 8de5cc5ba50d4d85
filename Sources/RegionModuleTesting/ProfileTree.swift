import Foundation
import StrategyModel

/// The parts of a profile the invariants look at, each with its path, found by walking the
/// profile's JSON form so that a field added to the model later is not missed.
struct ProfileTree {
    /// Every piece of evidence, with the path of the value it supports.
    var evidence: [(path: String, evidence: Evidence)] = []
    /// Every id below the region (strategies, areas, goals, items, projects, funding, news).
    var ids: [(path: String, id: String)] = []
    /// Every `name` and `title` (for a fact, its value).
    var names: [(path: String, name: String)] = []

    init(_ profile: RegionProfile) throws {
        let data = try StrategyJSON.encoder().encode(profile)
        let object = try JSONSerialization.jsonObject(with: data)
        guard let top = object as? [String: Any] else { return }
        for key in top.keys.sorted() where key != "region" && key != "sources" {
            visit(top[key] as Any, path: key)
        }
    }

    private mutating func visit(_ value: Any, path: String) {
        if let array = value as? [Any] {
            for (index, element) in array.enumerated() {
                var step = "\(path)[\(index)]"
                if let id = (element as? [String: Any])?["id"] as? String { step += "(\(id))" }
                visit(element, path: step)
            }
            return
        }
        guard let object = value as? [String: Any] else { return }
        if let url = object["sourceURL"] as? String, let sha = object["snapshotSHA256"] as? String,
           let locator = object["locator"] as? String, let excerpt = object["excerpt"] as? String {
            evidence.append((path, Evidence(sourceURL: url, snapshotSHA256: sha, locator: locator, excerpt: excerpt)))
            return
        }
        if let id = object["id"] { ids.append((path, id as? String ?? "")) }
        for key in object.keys.sorted() {
            let child = object[key] as Any
            let childPath = "\(path).\(key)"
            if key == "name" || key == "title" {
                if let text = child as? String {
                    names.append((childPath, text))
                } else if let fact = child as? [String: Any], let text = fact["value"] as? String {
                    names.append(("\(childPath).value", text))
                }
            }
            visit(child, path: childPath)
        }
    }
}

/// The same JSON the tree is built from, for comparing two readings byte for byte.
enum ProfileJSON {
    static func lines(_ profile: RegionProfile) -> [String] {
        guard let data = try? StrategyJSON.encoder().encode(profile) else { return [] }
        return String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
    }

    /// `nil` when equal, else where the first difference is.
    static func firstDifference(_ a: RegionProfile, _ b: RegionProfile) -> String? {
        let left = lines(a), right = lines(b)
        guard left != right else { return nil }
        for index in 0..<max(left.count, right.count) {
            let l = index < left.count ? left[index] : "(end)"
            let r = index < right.count ? right[index] : "(end)"
            if l != r {
                return "JSON line \(index + 1): \(l.trimmingCharacters(in: .whitespaces)) ≠ \(r.trimmingCharacters(in: .whitespaces))"
            }
        }
        return "JSON differs"
    }
}
