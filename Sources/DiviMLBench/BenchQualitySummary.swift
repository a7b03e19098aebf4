import CommandSupport
import DiviML
import DiviMLTestSupport
import Foundation

/// The summary rows of `diviml bench quality`, each set against the paper's targets.
enum QualitySummary {
    static func latency(_ rows: [QualityRow], instances: [QualityInstance]) -> String {
        var lines = ["Latency summary"]
        lines += exactComparison(rows)
        lines += heftComparison(rows, instances: instances)
        lines += speedups(rows, solver: "split", reference: "single", what: "latency")
        lines += gaps(rows, instances: instances, solver: "split")
        return lines.joined(separator: "\n")
    }

    static func throughput(_ rows: [QualityRow], instances: [QualityInstance]) -> String {
        var lines = ["Throughput summary"]
        lines += ratios(rows, "split", "greedy", label: "split / greedy effective period")
        lines += ratios(rows, "split", "exact", label: "split / exact (one pipeline) effective period")
        lines += speedups(rows, solver: "split", reference: "single", what: "throughput")
        lines += gaps(rows, instances: instances, solver: "split")
        return lines.joined(separator: "\n")
    }

    /// Splitting against the monolithic exact solve: time and quality ratios, overall and
    /// where the exact solve took more than 10 s (the paper's >= 100x at <= 1% target).
    static func exactComparison(_ rows: [QualityRow]) -> [String] {
        let both = rows.filter { $0.value("split") != nil && $0.value("exact") != nil }
        guard !both.isEmpty else { return ["- split vs monolithic exact: exact engine not available, not measured"] }
        let time = { (r: QualityRow) in r.cells["exact"]!.seconds / max(r.cells["split"]!.seconds, 1e-9) }
        let quality = { (r: QualityRow) in r.value("split")! / r.value("exact")! }
        var lines = ["- split vs monolithic exact (\(both.count) instances): time ratio exact/split mean \(times(mean(both.map(time)))), "
            + "quality split/exact mean \(fixed(mean(both.map(quality)), 4)), worst \(fixed(both.map(quality).max()!, 4))"]
        let slow = both.filter { $0.cells["exact"]!.seconds > 10 }
        if slow.isEmpty {
            lines.append("  target (>= 100x faster within 1% where exact takes > 10 s): no instance had exact > 10 s; not tested")
        } else {
            let held = slow.filter { time($0) >= 100 && quality($0) <= 1.01 }.count
            lines.append("  where exact took > 10 s (\(slow.count)): time ratio min \(times(slow.map(time).min()!)), quality worst "
                + "\(fixed(slow.map(quality).max()!, 4)); target (>= 100x and within 1%) holds on \(held) of \(slow.count)")
        }
        return lines
    }

    /// Splitting against HEFT: mean and worst ratio, conventional and RandWire apart.
    static func heftComparison(_ rows: [QualityRow], instances: [QualityInstance]) -> [String] {
        let randwire = Set(instances.filter(\.randwire).map(\.name))
        var lines: [String] = []
        for (label, subset) in [("conventional", rows.filter { !randwire.contains($0.instance) }), ("RandWire", rows.filter { randwire.contains($0.instance) })] {
            let pairs = subset.compactMap { r in r.value("split").flatMap { s in r.value("heft").map { s / $0 } } }
            guard !pairs.isEmpty else { continue }
            let worse = pairs.filter { $0 > 1 + 1e-9 }.count
            let better = pairs.filter { $0 < 1 - 1e-9 }.count
            lines.append("- split / HEFT makespan, \(label) (\(pairs.count)): mean \(fixed(mean(pairs), 3)), worst \(fixed(pairs.max()!, 3)), "
                + "best \(fixed(pairs.min()!, 3)); better on \(better), worse on \(worse)")
        }
        return lines
    }

    static func ratios(_ rows: [QualityRow], _ a: String, _ b: String, label: String) -> [String] {
        let pairs = rows.compactMap { r in r.value(a).flatMap { x in r.value(b).map { x / $0 } } }
        guard !pairs.isEmpty else { return ["- \(label): not measured"] }
        return ["- \(label) (\(pairs.count)): mean \(fixed(mean(pairs), 3)), worst \(fixed(pairs.max()!, 3)), best \(fixed(pairs.min()!, 3))"]
    }

    static func speedups(_ rows: [QualityRow], solver: String, reference: String, what: String) -> [String] {
        let s = rows.compactMap { r in r.value(reference).flatMap { ref in r.value(solver).map { ref / $0 } } }
        guard !s.isEmpty else { return [] }
        return ["- \(what) speedup of \(solver) over the fastest single device: mean \(times(mean(s))), max \(times(s.max()!)), min \(times(s.min()!))"]
    }

    /// Gap of `solver` to the bound; the paper's target is <= 5% on conventional models.
    static func gaps(_ rows: [QualityRow], instances: [QualityInstance], solver: String) -> [String] {
        let randwire = Set(instances.filter(\.randwire).map(\.name))
        var lines: [String] = []
        for (label, subset) in [("conventional", rows.filter { !randwire.contains($0.instance) }), ("RandWire", rows.filter { randwire.contains($0.instance) })] {
            let g = subset.compactMap { r in r.value(solver).map { Plan.gap(upper: $0, lower: r.bound) } }
            guard !g.isEmpty else { continue }
            lines.append("- gap of \(solver) to the bound, \(label) (\(g.count)): mean \(percent(mean(g))), max \(percent(g.max()!)); "
                + "<= 5% on \(g.filter { $0 <= 0.05 }.count) of \(g.count)")
        }
        return lines
    }

    static func mean(_ xs: [Double]) -> Double { xs.isEmpty ? .nan : xs.reduce(0, +) / Double(xs.count) }
}
