import Foundation
import Testing
import Kalmar
import RegionSupport
import StrategyModel

/// Loading the snapshot, fixtures and subsets, and checking evidence.
enum Support {
    static let module = Kalmar()

    static func snapshot() throws -> DocumentSet { try module.bundledDocuments() }

    static func fixture(_ name: String) throws -> DocumentSet {
        let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let url = folder.appendingPathComponent(name)
        return try DocumentSet(parsing: [RawDocument(url: url.absoluteString, bytes: [UInt8](try Data(contentsOf: url)))])
    }

    /// The snapshot documents published at URLs containing any of `parts`.
    static func subset(_ parts: String...) throws -> DocumentSet {
        DocumentSet(try snapshot().documents.filter { doc in parts.contains { doc.url.contains($0) } })
    }

    static let strategyURL = "https://utveckling.regionkalmar.se/regional-utvecklingsstrategi/"
    static let followUpURL = "https://utveckling.regionkalmar.se/uppfoljning/"
    static let overviewURL = "https://regionkalmar.se/regional-utveckling/vart-regionala-utvecklingsuppdrag/"
    static let fundingURL = "https://regionkalmar.se/regional-utveckling/regional-utvecklingsfinansiering/"
    static let feedURL = "https://regionkalmar.se/nyhetslista/atom/"

    static let areaNames = [
        "Delaktighet, hälsa och välbefinnande",
        "God miljö för barn och unga",
        "Hållbar samhällsplanering",
        "Stärkt konkurrenskraft",
    ]

    static let goalTitles = [
        "Hög delaktighet och upplevd trygghet i hela länet",
        "Hög självskattad hälsa i hela länet",
        "Alla elever i länet slutför gymnasieexamen inom fyra år och har möjlighet till vidare studier och arbete",
        "Alla barn och unga har möjlighet till god hälsa och sunda levnadsvanor",
        "Region Kalmar län är en fossilbränslefri region",
        "Samhällsplaneringen är klimatanpassad och robust samt erbjuder trygga, tillgängliga och gröna miljöer för alla",
        "Alla i länet har tillgång till väl utvecklad fysisk och digital infrastruktur",
        "Länet har utvecklat digitala och hållbara lösningar för en global marknad",
        "God tillgång till välutbildad arbetskraft",
        "Ökat antal företag inom kunskapsintensiv tjänstesektor",
    ]

    static let title = "Klimat att växa i — Regional utvecklingsstrategi för Kalmar län 2030"

    static func date(_ iso: String) -> Date? { ISO8601DateFormatter().date(from: iso) }

    // MARK: Evidence

    /// Every evidence of the profile, with a label saying what it is for.
    static func allEvidence(_ profile: RegionProfile) -> [(String, Evidence)] {
        var result: [(String, Evidence)] = []
        func goal(_ g: Goal, _ path: String) {
            result.append(("\(path) goal \(g.title)", g.evidence))
            for s in g.subGoals { goal(s, path) }
            for p in g.priorities + g.indicators { result.append(("\(path) goal item \(p.name)", p.evidence)) }
        }
        func area(_ a: PriorityArea, _ path: String) {
            result.append(("\(path) area \(a.name)", a.evidence))
            for s in a.subareas { area(s, path) }
            for g in a.goals { goal(g, path) }
            for p in a.priorities { result.append(("\(path) priority \(p.name)", p.evidence)) }
        }
        for s in profile.strategies {
            let path = s.id
            result.append(("\(path) title", s.title.evidence))
            for n in s.alternativeNames { result.append(("\(path) name", n.evidence)) }
            if let p = s.period { result.append(("\(path) period", p.evidence)) }
            if let st = s.status { result.append(("\(path) status", st.evidence)) }
            if let v = s.vision { result.append(("\(path) vision", v.evidence)) }
            if let m = s.motto { result.append(("\(path) motto", m.evidence)) }
            for m in s.milestones { result.append(("\(path) milestone \(m.kind)", m.evidence)) }
            for a in s.areas { area(a, path) }
            for g in s.goals { goal(g, path) }
            for n in s.perspectives + s.specialisationAreas { result.append(("\(path) item \(n.name)", n.evidence)) }
            for plan in s.actionPlans {
                result.append(("\(path) plan \(plan.title)", plan.evidence))
                for d in plan.documents { result.append(("\(path) plan document \(d.title)", d.evidence)) }
            }
            for f in s.followUp { result.append(("\(path) follow-up \(f.name)", f.evidence)) }
            for f in s.frameworks { result.append(("\(path) framework \(f.framework)", f.evidence)) }
            for d in s.documents { result.append(("\(path) document \(d.title)", d.evidence)) }
        }
        for p in profile.projects { result.append(("project \(p.name)", p.evidence)) }
        for f in profile.funding { result.append(("funding \(f.id)", f.evidence)) }
        for n in profile.news { result.append(("news \(n.title)", n.evidence)) }
        return result
    }

    /// Checks that every evidence names a document of `documents` by URL and SHA-256, has a
    /// locator, and quotes text that occurs in that document. Returns the number checked.
    @discardableResult
    static func checkEvidence(_ profile: RegionProfile, in documents: DocumentSet) -> Int {
        let all = allEvidence(profile)
        for (label, evidence) in all {
            guard let document = documents.document(at: evidence.sourceURL) else {
                Issue.record("\(label): evidence names \(evidence.sourceURL), which was not read")
                continue
            }
            #expect(evidence.snapshotSHA256 == document.sha256, "\(label): SHA-256")
            #expect(!evidence.locator.isEmpty, "\(label): empty locator")
            #expect(!evidence.excerpt.isEmpty, "\(label): empty excerpt")
            var quoted = evidence.excerpt
            if quoted.hasSuffix("…") { quoted.removeLast() }
            if let page = document.page {
                #expect(page.mainText.contains(quoted), "\(label): \"\(quoted)\" is not in \(document.url)")
            } else if let feed = document.feed {
                let texts = feed.items.flatMap { [$0.title ?? "", $0.summary ?? ""] }
                #expect(texts.contains { $0.contains(quoted) }, "\(label): \"\(quoted)\" is not in the feed")
            } else {
                Issue.record("\(label): document is neither page nor feed")
            }
        }
        return all.count
    }
}
