import Foundation

extension FuzzCampaign.Report {
    /// The counts per kind as a plain-text table, with a total line.
    public func table(seed: UInt64) -> String {
        let header = ["kind", "runs", "exit 0", "exit 2 (bad input)", "exit 64 (usage)", "crash/hang"]
        var rows = counts.keys.sorted().map { kind -> [String] in
            let c = counts[kind]!
            return [kind, "\(c.runs)", "\(c.success)", "\(c.badInput)", "\(c.usage)", "\(c.findings)"]
        }
        let total = counts.values.reduce(into: Counts()) {
            $0.runs += $1.runs; $0.success += $1.success; $0.badInput += $1.badInput; $0.usage += $1.usage; $0.findings += $1.findings
        }
        rows.append(["total", "\(total.runs)", "\(total.success)", "\(total.badInput)", "\(total.usage)", "\(total.findings)"])
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max()! }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                i == 0 ? cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[i] - cell.count) + cell
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
            + String(format: "\nseed %llu, %.0f s", seed, seconds)
    }
}
