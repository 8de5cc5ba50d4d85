import Documents
import Foundation
import RegionSupport
import StrategyModel

extension Cue {
    static let projectHeading = #"^projekt(?:et)?\s+(\p{Lu}.*)$"#
    static let projectMention = "projektet "
    static let owner = ["projektägare", "ägare"]
    static let ownerSentence = #"^(.+?)\s+äger projektet"#
    static let funders = ["finansiär", "finansiering"]
    static let fundedBy = #"finansieras av\s+(.+?)\.?$"#
    static let grantedBy = #"\bbeviljade?s?\b.*?\sav\s+(.+?)\.?$"#
    static let partners = ["samarbetspartner", "partner"]
}

extension Reader {
    /// The project a section is about: "Projektet Kickstart S3" → "Kickstart S3"; or a section
    /// headed with a name its text calls a project ("Fortsättningsprojektet Kickstart 2 …").
    func projectName(of section: OutlineSection) -> String? {
        let heading = section.heading ?? ""
        guard !heading.isEmpty else { return nil }
        if let m = Words.match(Cue.projectHeading, in: heading) { return Words.clean(m[1]) }
        let own = section.blocks.map(\.text).joined(separator: " ")
        return Words.has(own, Cue.projectMention + heading) ? Words.clean(heading) : nil
    }

    func projects() -> [Project] {
        var result: [Project] = []
        func walk(_ section: LocatedSection) {
            if let name = projectName(of: section.section) {
                if !result.contains(where: { Text.fold($0.name) == Text.fold(name) }) { result.append(project(name, in: section)) }
                return
            }
            section.subsections.forEach(walk)
        }
        for page in documents.pages {
            if let root = page.rootSection { walk(root) }
        }
        return result
    }

    /// Owner, funders, partners, amount and date from the project's section: a fact table
    /// ("Projektägare | Region Blekinge") first, else sentences ("Region Blekinge äger
    /// projektet", "finansieras av …", "beviljades … av …").
    func project(_ name: String, in section: LocatedSection) -> Project {
        let statements = section.passages().flatMap(\.statements)
        let rows: [(label: String, value: String)] = section.section.allBlocks.flatMap { block -> [(label: String, value: String)] in
            guard case let .table(table) = block else { return [] }
            return table.rows.compactMap { row in row.cells.count >= 2 ? (row.cells[0].text, row.cells[1].text) : nil }
        }
        func sentence(_ pattern: String) -> String? {
            statements.lazy.compactMap { Words.match(pattern, in: $0.value) }.first.map { Words.clean($0[1]) }
        }
        let owner = rows.first { Words.hasWord($0.label, Cue.owner) }.map { Words.clean($0.value) } ?? sentence(Cue.ownerSentence)
        var funders = rows.first { Words.hasWord($0.label, Cue.funders) }.map { Words.split($0.value) }
            ?? sentence(Cue.fundedBy).map(Words.split) ?? []
        if funders.isEmpty, let grantor = sentence(Cue.grantedBy) { funders = [grantor] }
        var partners: [String] = []
        for node in section.nodes() where node.path.count > 0 && Words.hasWord(node.heading, Cue.partners) {
            partners = node.located.items().map { Self.nameAndDetail($0).0 }.filter { !$0.isEmpty }
            if !partners.isEmpty { break }
        }
        if partners.isEmpty, let row = rows.first(where: { Words.hasWord($0.label, Cue.partners) }) { partners = Words.split(row.value) }
        let amount = statements.lazy.compactMap { SwedishAmount.all(in: $0.value).first?.kronor }.first
        let date = section.ownStatements.lazy.compactMap { SwedishDate.first(in: $0.value) }.first
        let text = section.section.text
        let strategy = Self.specs.first { spec in spec.mentionWords.contains { Words.has(text, $0) } }
        return Project(
            id: Slug.id(regionID, "project", name), name: name, owner: owner, funders: funders, partners: partners,
            amountSEK: amount, date: date, strategyID: strategy.map(strategyID), evidence: section.evidence
        )
    }
}
