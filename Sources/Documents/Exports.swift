// Every reader here takes Markup's ParseOptions and ParseLimits and reports its errors and
// limits (MarkupError, LimitExceeded): code that imports Documents gets them without importing
// the libxml2 layer itself. Markup's public API is pure Swift.
@_exported public import Markup
