import Foundation

extension RegionProfile {
    /// The profile as a readable, deterministic tree: what `rus show` prints and what tests
    /// compare against. Each fact is followed by its source as `⟨url#locator⟩` when
    /// `withSources` is `true`.
    public func dump(withSources: Bool = false) -> String {
        var out = DumpWriter(withSources: withSources)
        out.line(0, "\(region.name) — \(region.organisation) (county \(region.countyCode), \(region.nutsCode))")
        for strategy in strategies { out.strategy(strategy) }
        if !projects.isEmpty {
            out.line(1, "Projects")
            for p in projects {
                var details: [String] = []
                if let owner = p.owner { details.append("owner \(owner)") }
                if !p.funders.isEmpty { details.append("funders " + p.funders.joined(separator: ", ")) }
                if !p.partners.isEmpty { details.append("partners " + p.partners.joined(separator: ", ")) }
                if let amount = p.amountSEK { details.append("\(amount) kr") }
                if let date = p.date { details.append(date.description) }
                out.line(2, p.name + (details.isEmpty ? "" : " (" + details.joined(separator: "; ") + ")"), p.evidence)
            }
        }
        if !funding.isEmpty {
            out.line(1, "Funding")
            for f in funding {
                var text = "\(f.kind.rawValue) \(f.year.map(String.init) ?? "year unknown"): \(f.isLowerBound ? "more than " : "")\(f.amountSEK) kr"
                if let fund = f.fund { text += ", \(fund)" }
                if let recipient = f.recipient { text += ", to \(recipient)" }
                text += ", goal: " + (f.goal ?? "unknown")
                if let note = f.note { text += " — \(note)" }
                out.line(2, text, f.evidence)
            }
        }
        if !news.isEmpty {
            out.line(1, "News (\(news.count))")
            let formatter = ISO8601DateFormatter()
            for n in news {
                out.line(2, (n.published.map { formatter.string(from: $0) } ?? "undated") + " " + n.title, n.evidence)
            }
        }
        out.line(1, "Sources")
        for s in sources {
            out.line(2, "\(s.url) [\(s.mediaType)\(s.charset.map { "; \($0)" } ?? "")] sha256 \(s.sha256) (\(s.origin))")
        }
        return out.text
    }
}

private struct DumpWriter {
    let withSources: Bool
    var lines: [String] = []

    var text: String { lines.joined(separator: "\n") + "\n" }

    mutating func line(_ depth: Int, _ text: String, _ evidence: Evidence? = nil) {
        var l = String(repeating: "  ", count: depth) + text
        if withSources, let evidence { l += "  ⟨\(evidence.sourceURL)#\(evidence.locator)⟩" }
        lines.append(l)
    }

    mutating func strategy(_ s: Strategy) {
        line(1, "Strategy: \(s.title.value) [\(s.kind.rawValue)] id=\(s.id)", s.title.evidence)
        for name in s.alternativeNames { line(2, "also called: \(name.value)", name.evidence) }
        line(2, "period: " + (s.period.map { $0.value.description } ?? "unknown"), s.period?.evidence)
        line(2, "status: " + (s.status.map { $0.value.rawValue } ?? "unknown"), s.status?.evidence)
        for m in s.milestones {
            var text = "\(m.kind.rawValue): \(m.date?.description ?? "date unknown")"
            if let end = m.endDate { text += " to \(end)" }
            if let body = m.body { text += " by \(body)" }
            line(2, text, m.evidence)
        }
        line(2, "vision: " + (s.vision?.value ?? "unknown"), s.vision?.evidence)
        if let motto = s.motto { line(2, "motto: \(motto.value)", motto.evidence) }
        for area in s.areas { self.area(area, depth: 2) }
        if !s.goals.isEmpty {
            line(2, "Goals (area not stated)")
            for goal in s.goals { self.goal(goal, depth: 3) }
        }
        items("Perspectives", s.perspectives)
        items("Smart specialisation", s.specialisationAreas)
        if !s.actionPlans.isEmpty {
            line(2, "Action plans")
            for plan in s.actionPlans {
                line(3, plan.title, plan.evidence)
                for d in plan.documents { line(4, "document: \(d.title) <\(d.url)>", d.evidence) }
            }
        }
        if !s.followUp.isEmpty {
            line(2, "Follow-up")
            for f in s.followUp {
                line(3, f.name + (f.date.map { " (\($0))" } ?? "") + (f.description.map { ": \($0)" } ?? ""), f.evidence)
            }
        }
        if !s.frameworks.isEmpty {
            line(2, "Frameworks: " + s.frameworks.map(\.framework.rawValue).joined(separator: ", "))
        }
        for d in s.documents { line(2, "document: \(d.title) <\(d.url)>", d.evidence) }
    }

    mutating func area(_ a: PriorityArea, depth: Int) {
        line(depth, "\(a.term): \(a.name)", a.evidence)
        for sub in a.subareas { area(sub, depth: depth + 1) }
        for g in a.goals { goal(g, depth: depth + 1) }
        for p in a.priorities { line(depth + 1, "priority: \(p.name)", p.evidence) }
    }

    mutating func goal(_ g: Goal, depth: Int) {
        line(depth, "goal\(g.code.map { " \($0)" } ?? ""): \(g.title)", g.evidence)
        for sub in g.subGoals { line(depth + 1, "delmål: \(sub.title)", sub.evidence) }
        for p in g.priorities { line(depth + 1, "priority: \(p.name)", p.evidence) }
        for i in g.indicators { line(depth + 1, "indicator: \(i.name)", i.evidence) }
    }

    mutating func items(_ title: String, _ items: [NamedItem]) {
        guard !items.isEmpty else { return }
        line(2, title)
        for i in items { line(3, i.name + (i.description.map { " — \($0)" } ?? ""), i.evidence) }
    }
}
