import Foundation
import Testing
@testable import Documents

/// `FeedItem`, `FeedText` and `FeedLink` keep their stored properties in another order than
/// their public initialisers' parameters, which hand them to the memberwise initialiser (the
/// only one Swift 6.3 builds without copying the value; see `FeedItem`). Several parameters are
/// strings, so a mix-up there compiles: each field is given a value of its own and read back,
/// and the JSON, written with sorted keys as `rus` writes it, does not follow the order.
@Suite("Feed values' public initialisers")
struct FeedInitialiserTests {
    @Test func everyFieldOfAnItemGetsItsOwnArgument() {
        let published = Date(timeIntervalSince1970: 1)
        let updated = Date(timeIntervalSince1970: 2)
        let title = FeedText(value: "tv", type: "tt", language: "tl", base: "tb")
        let summary = FeedText(value: "sv", type: "st")
        let content = [FeedText(value: "cv", type: "ct")]
        let links = [FeedLink(href: "lh", rel: "lr", type: "lt", title: "ltt", hreflang: "lhl", length: 3)]
        let enclosures = [FeedEnclosure(url: "eu", type: "et", length: 4)]
        let tags = [FeedCategory(term: "gt", scheme: "gs", label: "gl")]
        let people = [FeedPerson(name: "pn", email: "pe", uri: "pu")]
        let media = [FeedMedia(kind: .thumbnail, url: "mu")]
        let item = FeedItem(
            title: "t", link: "l", id: "i", published: published, updated: updated, summary: "s", categories: ["c"],
            authors: ["a"], locator: "/x", titleDetail: title, summaryDetail: summary, content: content, links: links,
            enclosures: enclosures, tags: tags, authorDetails: people, media: media
        )
        #expect(item.title == "t")
        #expect(item.link == "l")
        #expect(item.id == "i")
        #expect(item.published == published)
        #expect(item.updated == updated)
        #expect(item.summary == "s")
        #expect(item.categories == ["c"])
        #expect(item.authors == ["a"])
        #expect(item.locator == "/x")
        #expect(item.titleDetail == title)
        #expect(item.summaryDetail == summary)
        #expect(item.content == content)
        #expect(item.links == links)
        #expect(item.enclosures == enclosures)
        #expect(item.tags == tags)
        #expect(item.authorDetails == people)
        #expect(item.media == media)
        // Defaults as before.
        let plain = FeedItem(title: nil, link: nil, id: nil, published: nil, updated: nil, summary: nil, categories: [], authors: [], locator: "/y")
        #expect(plain.titleDetail == nil && plain.summaryDetail == nil && plain.content.isEmpty && plain.links.isEmpty)
        #expect(plain.enclosures.isEmpty && plain.tags.isEmpty && plain.authorDetails.isEmpty && plain.media.isEmpty)
    }

    @Test func everyFieldOfATextAndALinkGetsItsOwnArgument() {
        let text = FeedText(value: "v", type: "t", language: "l", base: "b")
        #expect(text.value == "v" && text.type == "t" && text.language == "l" && text.base == "b")
        let bare = FeedText(value: "v", type: "t")
        #expect(bare.language == nil && bare.base == nil)
        let link = FeedLink(href: "h", rel: "r", type: "t", title: "ti", hreflang: "hl", length: 5)
        #expect(link.href == "h" && link.rel == "r" && link.type == "t" && link.title == "ti" && link.hreflang == "hl" && link.length == 5)
        let alternate = FeedLink(href: "h")
        #expect(alternate.rel == "alternate" && alternate.type == nil && alternate.title == nil && alternate.hreflang == nil && alternate.length == nil)
    }

    @Test func jsonWithSortedKeysDoesNotFollowThePropertyOrder() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(FeedText(value: "v", type: "t", language: "l", base: "b")), as: UTF8.self)
        #expect(text == #"{"base":"b","language":"l","type":"t","value":"v"}"#)
        let link = String(decoding: try encoder.encode(FeedLink(href: "h", rel: "r")), as: UTF8.self)
        #expect(link == #"{"href":"h","rel":"r"}"#)
        let item = FeedItem(title: "t", link: nil, id: nil, published: nil, updated: nil, summary: nil, categories: [], authors: [], locator: "/x")
        let decoded = try JSONDecoder().decode(FeedItem.self, from: try encoder.encode(item))
        #expect(decoded == item)
    }
}
