import Kalmar
import RegionModuleTesting
import Testing

@Test func kalmarConformsToTheKit() {
    let report = ConformanceKit.expectConformance(Kalmar())
    #expect(report.evidenceChecked > 30)
}
