import Blekinge
import RegionModuleTesting
import Testing

@Test func blekingeConformsToTheKit() {
    let report = ConformanceKit.expectConformance(Blekinge())
    #expect(report.evidenceChecked > 30)
}
