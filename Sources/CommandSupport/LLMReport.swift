import DiviML
import Foundation

/// Plain-text tables for the `llm` commands: left-aligned columns padded to the widest cell.
package struct LLMTable {
    package var header: [String]
    package var rows: [[String]] = []

    package init(header: [String]) { self.header = header }

    package var text: String {
        let widths = header.indices.map { c in ([header] + rows).map { $0.indices.contains(c) ? $0[c].count : 0 }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        return ([line(header), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line)).joined(separator: "\n")
    }
}

/// Seconds in the unit that keeps 3 significant digits readable: `12.3 ms`, `4.56 s`.
package func llmSeconds(_ s: Double) -> String {
    if !s.isFinite { return "-" }
    if s >= 1 { return String(format: "%.3g s", s) }
    if s >= 1e-3 { return String(format: "%.3g ms", s * 1e3) }
    return String(format: "%.3g us", s * 1e6)
}

/// A count that may be astronomically large: exact below a million, else `1.23e15`.
package func llmCount(_ n: Double) -> String {
    n < 1e6 ? String(Int(n)) : String(format: "%.3g", n)
}

/// Gibibytes with one decimal, `12.3 GiB`.
package func llmGiB(_ bytes: Double) -> String { String(format: "%.1f GiB", bytes / 0x1p30) }

package enum LLMReport {
    /// The table of stages of every replica.
    package static func stages(_ plan: LLMPlan) -> String {
        var table = LLMTable(header: ["replica", "stage", "server", "GPUs", "TP", "layers", "mem used/GPU", "mem free/GPU",
                                      "prefill", "decode step", "micro-batch step"])
        for (r, replica) in plan.replicas.enumerated() {
            for (i, s) in replica.stages.enumerated() {
                table.rows.append([
                    "\(r)", "\(i)", s.serverName, "\(s.spec.tensorParallel) x \(s.gpuName)", "\(s.spec.tensorParallel)",
                    "\(s.firstLayer)-\(s.lastLayer) (\(s.spec.layers))", llmGiB(s.memory.used), llmGiB(s.memory.free),
                    llmSeconds(s.prefillSeconds), llmSeconds(s.decodeSeconds), llmSeconds(s.microBatchSeconds),
                ])
            }
        }
        return table.text
    }

    /// Headline figures, the bottleneck, and the search statistics.
    package static func summary(_ plan: LLMPlan) -> String {
        var lines = [
            "objective: \(plan.objective.rawValue)   batch \(plan.workload.batch), prompt \(plan.workload.promptLength), generate \(plan.workload.generateTokens)",
            "prefill latency:      \(llmSeconds(plan.prefillSeconds))  (replica 0, whole batch)",
            "per-token latency:    \(llmSeconds(plan.perTokenSeconds))  (replica 0, one decode step of the batch)",
            String(format: "decode throughput:    %.1f tokens/s  (%d replica(s), pipelined micro-batches)", plan.tokensPerSecond, plan.replicas.count),
        ]
        for (r, replica) in plan.replicas.enumerated() {
            lines.append("bottleneck (replica \(r)): \(replica.bottleneck)")
        }
        if let stats = plan.stats {
            lines.append("search: \(stats.method); full space \(llmCount(stats.fullSpace)) labelled plans, "
                         + "reduced space \(llmCount(stats.reducedSpace)) candidates scored, \(llmSeconds(stats.solveSeconds))")
        }
        return lines.joined(separator: "\n")
    }
}
