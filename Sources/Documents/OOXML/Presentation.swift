/// A PowerPoint presentation (.pptx) as read: its slides in presentation order, each with its
/// title, shapes in reading order (groups flattened), tables, charts and speaker notes.
public struct Presentation: Sendable, Hashable {
    /// The title from the document properties (`docProps/core.xml`), if set.
    public var title: String?
    /// The language from the document properties, if set.
    public var language: String?
    /// The slides in the order of `ppt/presentation.xml`'s slide list (not by file name).
    public var slides: [Slide]
    /// Parts that are referenced but missing or unreadable and were skipped (a notes page, a
    /// chart), each with the reason. The slides themselves are never skipped silently.
    public var problems: [String]

    /// Creates a presentation; ``PresentationReader`` builds these from bytes.
    public init(title: String?, language: String?, slides: [Slide], problems: [String] = []) {
        self.title = title
        self.language = language
        self.slides = slides
        self.problems = problems
    }
}

/// One slide.
public struct Slide: Sendable, Hashable {
    /// The position in the presentation, from 1.
    public var number: Int
    /// The part it was read from (`ppt/slides/slide3.xml`).
    public var part: String
    /// Hidden in slide shows (`show="0"`); still read.
    public var isHidden: Bool
    /// The text of the title placeholder (`title` or `ctrTitle`), if it has any.
    public var title: String?
    /// Every shape in reading order: the shape tree's order, with group shapes flattened.
    public var shapes: [SlideShape]
    /// The speaker notes (the notes page's body placeholder).
    public var notes: [OfficeParagraph]

    /// Creates a slide.
    public init(number: Int, part: String, isHidden: Bool = false, title: String?, shapes: [SlideShape], notes: [OfficeParagraph] = []) {
        self.number = number
        self.part = part
        self.isHidden = isHidden
        self.title = title
        self.shapes = shapes
        self.notes = notes
    }

    /// `slide 3`.
    public var locator: String { "slide \(number)" }

    /// The shape holding the title, if any.
    public var titleShape: SlideShape? {
        shapes.first { $0.placeholder == "title" || $0.placeholder == "ctrTitle" }
    }
}

/// A shape on a slide: a text frame, picture, table, chart, diagram or connector.
public struct SlideShape: Sendable, Hashable {
    /// What the shape is.
    public enum Kind: String, Sendable, Hashable {
        /// An autoshape or text box (`p:sp`).
        case shape
        /// A picture (`p:pic`); see ``SlideShape/altText``.
        case picture
        /// A table (in a graphic frame); see ``SlideShape/table``.
        case table
        /// A chart (in a graphic frame); see ``SlideShape/chart``.
        case chart
        /// SmartArt; its node texts are in ``SlideShape/paragraphs``.
        case diagram
        /// A connector line (`p:cxnSp`).
        case connector
        /// An OLE object, media or anything else without text.
        case other
    }

    /// The position among the slide's shapes in reading order, from 1.
    public var index: Int
    /// What the shape is.
    public var kind: Kind
    /// The shape's name (`Title 1`, `TextBox 6`).
    public var name: String
    /// The placeholder type (`title`, `ctrTitle`, `subTitle`, `body`, `obj`, `dt`, `ftr`,
    /// `sldNum`, ...), or `nil` for a shape that is not a placeholder.
    public var placeholder: String?
    /// Names of the group shapes it sits in, outermost first.
    public var groups: [String]
    /// The text frame's paragraphs that have text (their locators count every paragraph).
    public var paragraphs: [OfficeParagraph]
    /// For a table.
    public var table: TableBlock?
    /// For a chart: its data from the chart part's cache.
    public var chart: ChartData?
    /// A picture's description (alt text), if set.
    public var altText: String?
    /// `slide 3, shape 2`.
    public var locator: String

    /// Creates a shape.
    public init(index: Int, kind: Kind, name: String, placeholder: String? = nil, groups: [String] = [], paragraphs: [OfficeParagraph] = [],
                table: TableBlock? = nil, chart: ChartData? = nil, altText: String? = nil, locator: String) {
        self.index = index
        self.kind = kind
        self.name = name
        self.placeholder = placeholder
        self.groups = groups
        self.paragraphs = paragraphs
        self.table = table
        self.chart = chart
        self.altText = altText
        self.locator = locator
    }

    /// The text of the shape's paragraphs, one per line.
    public var text: String { paragraphs.map(\.text).joined(separator: "\n") }
}

/// The data behind a chart, as cached in its chart part (`c:strCache`, `c:numCache`): what the
/// chart shows, without the embedded workbook.
public struct ChartData: Sendable, Hashable {
    /// The chart part (`ppt/charts/chart1.xml`).
    public var part: String
    /// The chart's own title text, if it has one.
    public var title: String?
    /// The plot type of the first plot (`barChart`, `lineChart`, `pieChart`, `scatterChart`...).
    public var type: String
    /// The series in plot order.
    public var series: [ChartSeries]

    /// Creates chart data.
    public init(part: String, title: String?, type: String, series: [ChartSeries]) {
        self.part = part
        self.title = title
        self.type = type
        self.series = series
    }

    /// The categories of the first series (the category axis labels; x values for XY charts).
    public var categories: [String] { series.first?.categories ?? [] }
}

/// One data series of a chart.
public struct ChartSeries: Sendable, Hashable {
    /// The series name, if given.
    public var name: String?
    /// The plot type this series belongs to (`barChart`...).
    public var type: String
    /// Category labels (`c:cat`), or x values for scatter and bubble charts (`c:xVal`). For
    /// multi-level categories, the innermost level.
    public var categories: [String]
    /// The values as cached (`c:val`, or `c:yVal`), one per point; `nil` where a point is missing.
    public var values: [String?]
    /// Bubble sizes for bubble charts; empty otherwise.
    public var bubbleSizes: [String?]

    /// Creates a series; `values` and `bubbleSizes` hold the cached text of each point.
    public init(name: String?, type: String, categories: [String], values: [String?], bubbleSizes: [String?] = []) {
        self.name = name
        self.type = type
        self.categories = categories
        self.values = values
        self.bubbleSizes = bubbleSizes
    }

    /// The values as numbers (`nil` where missing or not a number).
    public var numbers: [Double?] { values.map { $0.flatMap(Double.init) } }
}
