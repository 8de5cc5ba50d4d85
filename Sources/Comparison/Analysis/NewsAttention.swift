/// How many of a region's news items touch a code, per year: where the region's attention goes.
public struct NewsAttention: Codable, Sendable, Hashable {
    /// The region's id.
    public var regionID: String
    /// The code's id.
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
        /// The region's id.
        public var regionID: String
        /// The code the goal was coded with.
        public var code: String
        /// The year the money is for, if known.
        public var year: Int?
        /// The amount in Swedish kronor (SEK).
        public var amountSEK: Int
        /// `true` when the source gives the amount as a lower bound ("mer än").
        public var isLowerBound: Bool
        /// The ``/StrategyModel/FundingRecord`` ids behind the amount.
        public var records: [String]
    }

    /// An amount the documents do not link to a goal, with why.
    public struct Unlinked: Codable, Sendable, Hashable {
        /// The region's id.
        public var regionID: String
        /// The ``/StrategyModel/FundingRecord`` id.
        public var record: String
        /// The year the money is for, if known.
        public var year: Int?
        /// The amount in Swedish kronor (SEK).
        public var amountSEK: Int
        /// `true` when the source gives the amount as a lower bound ("mer än").
        public var isLowerBound: Bool
        /// Why the amount is not linked to a code (e.g. "the document does not link this amount to a goal").
        public var reason: String
    }

    /// Amounts linked to codes; an amount whose goal has several codes is listed under each.
    public var linked: [Linked]
    /// Amounts (other than totals) that could not be linked to a code.
    public var unlinked: [Unlinked]
}
