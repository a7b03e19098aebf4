import Foundation

/// A Gantt chart of a schedule as standalone SVG: a row per device, a box per operator
/// coloured by op type (name and times on hover via `<title>`), transfers drawn as lines
/// from the source row at the producer's finish to the destination row at arrival, and
/// a time axis in s, ms or µs. Op types take the colours of `OpPalette`, the HTML
/// report's palette, with a legend. Labels are drawn only inside boxes wide enough to hold
/// them, so charts stay legible with thousands of operators.
public struct GanttChart: Sendable {
    /// Width in pixels; nil chooses one from the schedule: a plot wide enough that the
    /// median operator is 4 px wide and the busiest device gives each of its operators 3 px,
    /// between 800 and 16,000 px, so a short schedule stays compact and a thousand
    /// operators on one device stay distinguishable.
    public var width: Double?
    public var rowHeight: Double = 44
    public var title: String

    public init(title: String) { self.title = title }

    /// Optional vertical markers (e.g. module boundaries), at times in seconds.
    public var markers: [(time: Double, label: String)] = []

    /// The SVG document for `schedule`.
    /// - Complexity: O(|V| + |E|) elements.
    public func svg(_ schedule: Schedule, problem: SchedulingProblem) -> String {
        let span = max(schedule.makespan, 1e-12)
        let left = 130.0, top = 50.0
        let width = self.width ?? left + 20 + Self.plotWidth(schedule, problem: problem)
        let plotWidth = width - left - 20
        let rows = Double(problem.deviceCount)
        let palette = OpPalette(problem: problem)
        let legendTypes = palette.entries.map(\.op)
        let height = top + rows * rowHeight + 60 + Double((legendTypes.count + 5) / 6) * 18
        let x = { (t: Double) in left + t / span * plotWidth }
        let rowY = { (k: Int) in top + Double(k) * rowHeight }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(fmt(width))\" height=\"\(fmt(height))\" "
            + "font-family=\"sans-serif\" font-size=\"11\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        out += "<text x=\"\(fmt(left))\" y=\"22\" font-size=\"15\">\(escape(title))</text>\n"
        for k in problem.devices.indices {
            let y = rowY(k)
            out += "<rect x=\"\(fmt(left))\" y=\"\(fmt(y))\" width=\"\(fmt(plotWidth))\" height=\"\(fmt(rowHeight - 6))\" fill=\"#f4f4f4\"/>\n"
            out += "<text x=\"8\" y=\"\(fmt(y + rowHeight / 2))\">\(escape(problem.devices[k].name))</text>\n"
        }
        out += axis(span: span, x: x, y: top + rows * rowHeight)
        for m in markers {
            out += "<line x1=\"\(fmt(x(m.time)))\" y1=\"\(fmt(top - 8))\" x2=\"\(fmt(x(m.time)))\" y2=\"\(fmt(top + rows * rowHeight))\" "
                + "stroke=\"#888\" stroke-dasharray=\"3,3\"><title>\(escape(m.label))</title></line>\n"
        }
        for v in problem.nodes.indices where schedule.finish[v] > schedule.start[v] {
            let (x0, x1) = (x(schedule.start[v]), x(schedule.finish[v]))
            let y = rowY(schedule.device[v])
            let tip = "\(problem.nodes[v].name) (\(problem.nodes[v].op)) \(formatSeconds(schedule.start[v]))–\(formatSeconds(schedule.finish[v]))"
            out += "<rect x=\"\(fmt(x0))\" y=\"\(fmt(y + 3))\" width=\"\(fmt(max(x1 - x0, 0.5)))\" height=\"\(fmt(rowHeight - 12))\" "
                + "fill=\"\(palette.colour(problem.nodes[v].op))\" stroke=\"#333\" stroke-width=\"0.3\"><title>\(escape(tip))</title></rect>\n"
            let label = problem.nodes[v].name
            if x1 - x0 > Double(label.count) * 6.2 + 4 {
                out += "<text x=\"\(fmt(x0 + 2))\" y=\"\(fmt(y + rowHeight / 2))\" font-size=\"10\" pointer-events=\"none\">\(escape(label))</text>\n"
            }
        }
        for t in problem.transfers(of: schedule) {
            let e = problem.edges[t.edge]
            let tip = "\(problem.nodes[e.from].name) → \(problem.nodes[e.to].name): \(formatBytes(e.bytes)), \(formatSeconds(t.finish - t.start))"
            out += "<line x1=\"\(fmt(x(t.start)))\" y1=\"\(fmt(rowY(t.sourceDevice) + rowHeight - 9))\" x2=\"\(fmt(x(t.finish)))\" "
                + "y2=\"\(fmt(rowY(t.destinationDevice) + 3))\" stroke=\"#c0392b\" stroke-width=\"0.8\" opacity=\"0.6\"><title>\(escape(tip))</title></line>\n"
        }
        out += legend(legendTypes, palette: palette, y: top + rows * rowHeight + 44, left: left)
        return out + "</svg>\n"
    }

    private func axis(span: Double, x: (Double) -> Double, y: Double) -> String {
        let step = niceStep(span / 10)
        var out = "<line x1=\"\(fmt(x(0)))\" y1=\"\(fmt(y))\" x2=\"\(fmt(x(span)))\" y2=\"\(fmt(y))\" stroke=\"black\"/>\n"
        var t = 0.0
        while t <= span * (1 + 1e-9) {
            out += "<line x1=\"\(fmt(x(t)))\" y1=\"\(fmt(y))\" x2=\"\(fmt(x(t)))\" y2=\"\(fmt(y + 5))\" stroke=\"black\"/>"
                + "<text x=\"\(fmt(x(t)))\" y=\"\(fmt(y + 18))\" text-anchor=\"middle\">\(formatSeconds(t))</text>\n"
            t += step
        }
        return out
    }

    /// The plot width `width == nil` chooses (see `width`).
    /// - Complexity: O(|V| log |V|).
    static func plotWidth(_ schedule: Schedule, problem: SchedulingProblem) -> Double {
        let span = max(schedule.makespan, 1e-12)
        let busiest = schedule.order(deviceCount: problem.deviceCount).map(\.count).max() ?? 0
        let durations = problem.nodes.indices.map { schedule.finish[$0] - schedule.start[$0] }.filter { $0 > 0 }.sorted()
        let median = durations.isEmpty ? span : durations[durations.count / 2]
        return min(16_000, max(800, 3 * Double(busiest), 4 * span / median))
    }

    private func legend(_ types: [String], palette: OpPalette, y: Double, left: Double) -> String {
        types.enumerated().map { i, type in
            let (cx, cy) = (left + Double(i % 6) * 160, y + Double(i / 6) * 18)
            return "<rect x=\"\(fmt(cx))\" y=\"\(fmt(cy - 10))\" width=\"12\" height=\"12\" fill=\"\(palette.colour(type))\"/>"
                + "<text x=\"\(fmt(cx + 16))\" y=\"\(fmt(cy))\">\(escape(type))</text>\n"
        }.joined()
    }

    /// 1, 2 or 5 times a power of ten, at least `raw`.
    private func niceStep(_ raw: Double) -> Double {
        let p = pow(10, floor(log10(raw)))
        return [1.0, 2, 5, 10].map { $0 * p }.first { $0 >= raw } ?? 10 * p
    }

    private func fmt(_ v: Double) -> String { String(format: "%.2f", v) }

    private func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

/// Seconds in the unit that reads best: `1.25 s`, `3.40 ms`, `12.0 µs`.
public func formatSeconds(_ t: Double) -> String {
    let a = abs(t)
    if a == 0 { return "0" }
    if a >= 1 { return String(format: "%.3g s", t) }
    if a >= 1e-3 { return String(format: "%.3g ms", t * 1e3) }
    return String(format: "%.3g µs", t * 1e6)
}
