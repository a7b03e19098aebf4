/// A mixed-integer linear program in the form HiGHS takes: columns with bounds, costs and
/// integrality; rows `lower <= Σ a·x <= upper` stored row-wise (CSR). Minimisation.
struct LinearModel {
    private(set) var cost: [Double] = []
    private(set) var lower: [Double] = []
    private(set) var upper: [Double] = []
    private(set) var integer: [Int32] = []
    private(set) var names: [String] = []
    private(set) var rowLower: [Double] = []
    private(set) var rowUpper: [Double] = []
    private(set) var rowStart: [Int32] = [0]
    private(set) var rowIndex: [Int32] = []
    private(set) var rowValue: [Double] = []

    var columnCount: Int { cost.count }
    var rowCount: Int { rowLower.count }

    /// A new column; returns its index.
    mutating func column(_ lo: Double, _ hi: Double, cost c: Double = 0, integer isInteger: Bool = false, name: String) -> Int {
        cost.append(c)
        lower.append(lo)
        upper.append(hi)
        integer.append(isInteger ? 1 : 0)
        names.append(name)
        return cost.count - 1
    }

    /// A binary column.
    mutating func binary(_ name: String) -> Int { column(0, 1, integer: true, name: name) }

    /// Fixes a column's upper bound (closing a device to a node).
    mutating func setUpper(_ column: Int, _ value: Double) { upper[column] = value }

    /// A row `lo <= Σ coeff·column <= hi`; terms on the same column are summed.
    mutating func row(_ terms: [(Int, Double)], _ lo: Double, _ hi: Double) {
        var merged: [Int: Double] = [:]
        for (c, a) in terms { merged[c, default: 0] += a }
        for (c, a) in merged.sorted(by: { $0.key < $1.key }) where a != 0 {
            rowIndex.append(Int32(c))
            rowValue.append(a)
        }
        rowStart.append(Int32(rowIndex.count))
        rowLower.append(lo)
        rowUpper.append(hi)
    }
}
