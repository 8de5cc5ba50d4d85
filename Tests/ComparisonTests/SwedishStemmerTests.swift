import Foundation
import Testing
@testable import Comparison

@Suite struct SwedishStemmerTests {
    @Test(arguments: [
        ("konkurrenskraft", "konkurrenskraft"), ("konkurrenskraften", "konkurrenskraft"),
        ("konkurrenskraftig", "konkurrenskraft"), ("näringslivet", "näringsliv"),
        ("kompetensförsörjning", "kompetensförsörjning"), ("kompetensförsörjningen", "kompetensförsörjning"),
        ("hållbara", "hållbar"), ("barnets", "barnet"), ("arbetets", "arbet"), ("kapacitet", "kapacitet"), ("regionens", "region"),
    ])
    func policyWordsMeet(word: String, stem: String) {
        #expect(SwedishStemmer.stem(word) == stem)
    }

    /// Every word of the Snowball project's Swedish vocabulary maps to the stem on the same line.
    @Test func snowballVocabulary() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../shared/testdata/snowball-swedish").standardizedFileURL
        guard let words = try? String(contentsOf: folder.appendingPathComponent("voc.txt"), encoding: .utf8),
              let stems = try? String(contentsOf: folder.appendingPathComponent("output.txt"), encoding: .utf8)
        else {
            print("SwedishStemmerTests: \(folder.path) not found; vocabulary test skipped")
            return
        }
        let pairs = Array(zip(words.split(separator: "\n"), stems.split(separator: "\n")))
        #expect(pairs.count == 30_738)
        let wrong = pairs.filter { SwedishStemmer.stem(String($0.0)) != String($0.1) }
        #expect(wrong.isEmpty, "\(wrong.count) wrong, first: \(wrong.prefix(10).map { "\($0.0)→\(SwedishStemmer.stem(String($0.0))) (want \($0.1))" })")
    }
}
