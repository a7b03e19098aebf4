import DiviML
import Foundation

/// Fixed-point with `digits` decimals.
package func fixed(_ x: Double, _ digits: Int = 2) -> String {
    x.isFinite ? String(format: "%.\(digits)f", x) : "∞"
}

/// A percentage with one decimal.
package func percent(_ x: Double) -> String {
    x.isFinite ? String(format: "%.1f%%", x * 100) : "∞"
}

/// A speedup such as `2.41x`.
package func times(_ x: Double) -> String { fixed(x) + "x" }

/// Seconds with a unit, or `-` when absent.
package func seconds(_ x: Double?) -> String { x.map(formatSeconds) ?? "-" }
