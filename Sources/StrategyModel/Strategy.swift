/// One version of a region's strategy, e.g. "Växtplats Blekinge" (to 2030) or its predecessor
/// "Attraktiva Blekinge" (2014–2020).
public struct Strategy: Codable, Sendable, Hashable, Identifiable {
    /// What kind of strategy this is.
    public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
        /// A regional development strategy (regional utvecklingsstrategi, RUS).
        case regionalDevelopment = "regional-development"
        /// A strategy for smart specialisation (S3), often a companion to the RUS.
        case smartSpecialisation = "smart-specialisation"
    }

    /// Stable id, `<region>.<slug of the short name>`.
    public var id: String
    public var kind: Kind
    public var title: Fact<String>
    /// A shorter name the region also uses ("Blekingestrategin"), if the documents give one.
    public var alternativeNames: [Fact<String>]
    public var period: Fact<Period>?
    public var status: Fact<StrategyStatus>?
    /// Consultation, adoption, updates and publication, in date order.
    public var milestones: [Milestone]
    public var vision: Fact<String>?
    /// A motto or sub-title ("Vi blir det vi gör – tillsammans").
    public var motto: Fact<String>?
    /// Priority areas at any depth, in document order.
    public var areas: [PriorityArea]
    /// Goals the documents do not place under an area (the area is unknown, not absent).
    public var goals: [Goal]
    /// Horizontal perspectives, approaches (förhållningssätt) that run through the strategy.
    public var perspectives: [NamedItem]
    /// Smart specialisation areas (spetsområden, styrkeområden).
    public var specialisationAreas: [NamedItem]
    public var actionPlans: [ActionPlan]
    public var followUp: [FollowUpActivity]
    public var frameworks: [FrameworkReference]
    /// Documents of the strategy itself (the PDF, a short version, an English edition).
    public var documents: [DocumentLink]

    public init(
        id: String, kind: Kind = .regionalDevelopment, title: Fact<String>, alternativeNames: [Fact<String>] = [],
        period: Fact<Period>? = nil, status: Fact<StrategyStatus>? = nil, milestones: [Milestone] = [],
        vision: Fact<String>? = nil, motto: Fact<String>? = nil, areas: [PriorityArea] = [], goals: [Goal] = [],
        perspectives: [NamedItem] = [], specialisationAreas: [NamedItem] = [], actionPlans: [ActionPlan] = [],
        followUp: [FollowUpActivity] = [], frameworks: [FrameworkReference] = [], documents: [DocumentLink] = []
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.alternativeNames = alternativeNames
        self.period = period
        self.status = status
        self.milestones = milestones
        self.vision = vision
        self.motto = motto
        self.areas = areas
        self.goals = goals
        self.perspectives = perspectives
        self.specialisationAreas = specialisationAreas
        self.actionPlans = actionPlans
        self.followUp = followUp
        self.frameworks = frameworks
        self.documents = documents
    }

    /// Every goal of the strategy: those under areas (depth first) and the unplaced ones.
    public var allGoals: [Goal] {
        func collect(_ area: PriorityArea) -> [Goal] { area.goals + area.subareas.flatMap(collect) }
        return areas.flatMap(collect) + goals
    }

    /// The milestone of the given kind, if the documents name one.
    public func milestone(_ kind: Milestone.Kind) -> Milestone? {
        milestones.first { $0.kind == kind }
    }
}

/// Where a strategy stands.
public enum StrategyStatus: String, Codable, Sendable, Hashable, CaseIterable {
    case draft
    case consultation
    case adopted
    case underRevision = "under-revision"
    case superseded
}

/// A dated step in a strategy's life: a consultation, an adoption, an update.
public struct Milestone: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
        case workStarted = "work-started"
        case consultation
        case approved
        case adopted
        case updated
        case published
        case responsibilityTransferred = "responsibility-transferred"
        case superseded
        case revisionStarted = "revision-started"
    }

    public var kind: Kind
    /// When; `nil` where the document does not say.
    public var date: PartialDate?
    /// The end of a period such as a consultation, if given.
    public var endDate: PartialDate?
    /// The body that decided ("regionfullmäktige", "regionstyrelsen"), if given.
    public var body: String?
    public var evidence: Evidence

    public init(kind: Kind, date: PartialDate?, endDate: PartialDate? = nil, body: String? = nil, evidence: Evidence) {
        self.kind = kind
        self.date = date
        self.endDate = endDate
        self.body = body
        self.evidence = evidence
    }
}

/// A priority area at any depth: what the region calls målområde, insatsområde, strategiskt
/// område, fokusområde or utvecklingsområde.
public struct PriorityArea: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    /// The region's own word for this level ("strategiskt område", "utvecklingsområde").
    public var term: String
    public var subareas: [PriorityArea]
    public var goals: [Goal]
    public var priorities: [NamedItem]
    public var evidence: Evidence

    public init(id: String, name: String, term: String, subareas: [PriorityArea] = [], goals: [Goal] = [], priorities: [NamedItem] = [], evidence: Evidence) {
        self.id = id
        self.name = name
        self.term = term
        self.subareas = subareas
        self.goals = goals
        self.priorities = priorities
        self.evidence = evidence
    }
}

/// A goal (mål) with its sub-goals (delmål), priorities and indicators.
public struct Goal: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    /// The region's own number or code for it ("M1", "3"), if any.
    public var code: String?
    public var title: String
    public var subGoals: [Goal]
    public var priorities: [NamedItem]
    public var indicators: [NamedItem]
    public var evidence: Evidence

    public init(id: String, code: String? = nil, title: String, subGoals: [Goal] = [], priorities: [NamedItem] = [], indicators: [NamedItem] = [], evidence: Evidence) {
        self.id = id
        self.code = code
        self.title = title
        self.subGoals = subGoals
        self.priorities = priorities
        self.indicators = indicators
        self.evidence = evidence
    }
}

/// A named item with an optional description: a perspective, a priority, a smart
/// specialisation area, an indicator.
public struct NamedItem: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    public var description: String?
    public var evidence: Evidence

    public init(id: String, name: String, description: String? = nil, evidence: Evidence) {
        self.id = id
        self.name = name
        self.description = description
        self.evidence = evidence
    }
}

/// A link to a published document (usually a PDF).
public struct DocumentLink: Codable, Sendable, Hashable {
    public var title: String
    /// Absolute URL.
    public var url: String
    public var evidence: Evidence

    public init(title: String, url: String, evidence: Evidence) {
        self.title = title
        self.url = url
        self.evidence = evidence
    }
}

/// An action plan or programme (handlingsplan, handlingsprogram) that carries out the strategy.
public struct ActionPlan: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var title: String
    public var documents: [DocumentLink]
    public var evidence: Evidence

    public init(id: String, title: String, documents: [DocumentLink] = [], evidence: Evidence) {
        self.id = id
        self.title = title
        self.documents = documents
        self.evidence = evidence
    }
}

/// How the region follows the strategy up: a report, an indicator set, a learning day.
public struct FollowUpActivity: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    public var description: String?
    public var date: PartialDate?
    public var evidence: Evidence

    public init(id: String, name: String, description: String? = nil, date: PartialDate? = nil, evidence: Evidence) {
        self.id = id
        self.name = name
        self.description = description
        self.date = date
        self.evidence = evidence
    }
}

/// A framework a strategy refers to.
public struct FrameworkReference: Codable, Sendable, Hashable {
    public enum Framework: String, Codable, Sendable, Hashable, CaseIterable {
        case agenda2030 = "agenda-2030"
        case nationalStrategy = "national-strategy-2021-2030"
        case euCohesionPolicy = "eu-cohesion-policy"
        case regionalGrowthFunds = "regional-growth-funds"
        case smartSpecialisation = "smart-specialisation"
    }

    public var framework: Framework
    public var evidence: Evidence

    public init(framework: Framework, evidence: Evidence) {
        self.framework = framework
        self.evidence = evidence
    }
}
