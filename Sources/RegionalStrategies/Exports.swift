// The umbrella module: importing RegionalStrategies gives the model, the region protocol and
// toolkit, the comparison, the report renderers and the bundled regions.
@_exported public import StrategyModel
@_exported public import Documents
@_exported public import RegionSupport
@_exported public import Comparison
@_exported public import Reports
@_exported public import Fetching
@_exported public import Blekinge
@_exported public import Kalmar
@_exported public import Vasternorrland
