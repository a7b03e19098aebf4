import Foundation

/// A Gantt chart of a schedule as standalone SVG: a row per device, a box per operator
/// coloured by op type (name and times on hover via `<title>`), a row per directed link
/// with a box per transfer (size on hover, and inside when it fits), and a time axis in
/// s, ms or µs. Op types take the colours of `OpPalette`, the HTML
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

    /// The SVG document for `schedule`: a row per device, then a row per directed link that
    /// carries a transfer, as in the HTML report's timeline (`Timeline`).
    /// - Complexity: O(|V| + |E| log |E|) elements.
    public func svg(_ schedule: Schedule, problem: SchedulingProblem) -> String {
        let span = max(schedule.makespan, 1e-12)
        let left = 130.0, top = 50.0
        let width = self.width ?? left + 20 + Self.plotWidth(schedule, problem: problem)
        let plotWidth = width - left - 20
        let timeline = Timeline(label: "planned", problem: problem, passes: [schedule])
        let heights = timeline.lanes.map { $0.kind == .device ? rowHeight : max(24, Double($0.rows) * 12 + 8) }
        var laneY: [Double] = []
        var bottom = top
        for h in heights {
            laneY.append(bottom)
            bottom += h
        }
        let palette = OpPalette(problem: problem)
        let legendTypes = palette.entries.map(\.op)
        let columns = max(1, Int((width - left - 20) / 160))
        let height = bottom + 60 + Double((legendTypes.count + columns - 1) / columns) * 18
        let x = { (t: Double) in left + t / span * plotWidth }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(fmt(width))\" height=\"\(fmt(height))\" "
            + "font-family=\"sans-serif\" font-size=\"11\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        out += "<text x=\"\(fmt(left))\" y=\"22\" font-size=\"15\">\(escape(title))</text>\n"
        for (i, lane) in timeline.lanes.enumerated() {
            let fill = lane.kind == .device ? "#f4f4f4" : "#eef3f8"
            out += "<rect x=\"\(fmt(left))\" y=\"\(fmt(laneY[i]))\" width=\"\(fmt(plotWidth))\" height=\"\(fmt(heights[i] - 6))\" fill=\"\(fill)\"/>\n"
            out += "<text x=\"8\" y=\"\(fmt(laneY[i] + min(heights[i], rowHeight) / 2))\"\(lane.kind == .link ? " fill=\"#555\"" : "")>\(escape(lane.name))</text>\n"
        }
        out += axis(span: span, x: x, y: bottom)
        for m in markers {
            out += "<line x1=\"\(fmt(x(m.time)))\" y1=\"\(fmt(top - 8))\" x2=\"\(fmt(x(m.time)))\" y2=\"\(fmt(bottom))\" "
                + "stroke=\"#888\" stroke-dasharray=\"3,3\"><title>\(escape(m.label))</title></line>\n"
        }
        for bar in timeline.bars where bar.finish > bar.start {
            let (x0, x1) = (x(bar.start), x(bar.finish))
            let y = laneY[bar.lane]
            let tip = "\(bar.name) (\(bar.op)) \(formatSeconds(bar.start))–\(formatSeconds(bar.finish))"
            out += "<rect x=\"\(fmt(x0))\" y=\"\(fmt(y + 3))\" width=\"\(fmt(max(x1 - x0, 0.5)))\" height=\"\(fmt(rowHeight - 12))\" "
                + "fill=\"\(palette.colour(bar.op))\" stroke=\"#333\" stroke-width=\"0.3\"><title>\(escape(tip))</title></rect>\n"
            if x1 - x0 > Double(bar.name.count) * 6.2 + 4 {
                out += "<text x=\"\(fmt(x0 + 2))\" y=\"\(fmt(y + rowHeight / 2))\" font-size=\"10\" pointer-events=\"none\">\(escape(bar.name))</text>\n"
            }
        }
        for t in timeline.transfers {
            let (x0, x1) = (x(t.start), x(t.finish))
            let y = laneY[t.lane] + 4 + Double(t.row) * 12
            let tip = "\(t.from) → \(t.to): \(formatBytes(t.bytes)), \(formatSeconds(t.finish - t.start))"
            out += "<rect x=\"\(fmt(x0))\" y=\"\(fmt(y))\" width=\"\(fmt(max(x1 - x0, 0.5)))\" height=\"10\" fill=\"#7d8fa3\" "
                + "stroke=\"#4c5b6b\" stroke-width=\"0.3\"><title>\(escape(tip))</title></rect>\n"
            let label = formatBytes(t.bytes)
            if x1 - x0 > Double(label.count) * 5.6 + 4 {
                out += "<text x=\"\(fmt(x0 + 2))\" y=\"\(fmt(y + 8.5))\" font-size=\"9\" fill=\"white\" pointer-events=\"none\">\(escape(label))</text>\n"
            }
        }
        out += legend(legendTypes, palette: palette, y: bottom + 44, left: left, columns: columns)
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

    /// The legend, `columns` entries of 160 px per line.
    private func legend(_ types: [String], palette: OpPalette, y: Double, left: Double, columns: Int) -> String {
        types.enumerated().map { i, type in
            let (cx, cy) = (left + Double(i % columns) * 160, y + Double(i / columns) * 18)
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
