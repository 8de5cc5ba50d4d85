/// How many of a region's news items touch a code, per year: where the region's attention goes.
public struct NewsAttention: Codable, Sendable, Hashable {
    public var regionID: String
    public var code: String
    /// The publication year; `nil` for undated items.
    public var year: Int?
    /// The news statements, in feed order.
    public var items: [String]
    /// How many: the length of ``items``.
    public var count: Int

    init(regionID: String, code: String, year: Int?, items: [String]) {
        self.regionID = regionID
        self.code = code
        self.year = year
        self.items = items
        count = items.count
    }
}

/// Money per code, where a document links the money to a goal; the rest listed as unlinked.
public struct FundingByCode: Codable, Sendable, Hashable {
    /// One amount linked to a code through the goal it went to.
    public struct Linked: Codable, Sendable, Hashable {
        public var regionID: String
        public var code: String
        public var year: Int?
        public var amountSEK: Int
        public var isLowerBound: Bool
        /// The ``/StrategyModel/FundingRecord`` ids behind the amount.
        public var records: [String]
    }

    /// An amount the documents do not link to a goal, with why.
    public struct Unlinked: Codable, Sendable, Hashable {
        public var regionID: String
        public var record: String
        public var year: Int?
        public var amountSEK: Int
        public var isLowerBound: Bool
        public var reason: String
    }

    public var linked: [Linked]
    public var unlinked: [Unlinked]
}
