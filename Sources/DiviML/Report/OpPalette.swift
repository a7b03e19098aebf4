/// One colour per op type, chosen so that the types a chart shows most stay easy to tell
/// apart: the first 20 types (by their total cheapest cost in the problem, then by name)
/// take Kelly's colours of maximum contrast (K. L. Kelly, "Twenty-two colors of maximum
/// contrast", Color Engineering 3(6), 1965; white and black left out), the rest hues
/// spaced by the golden angle. The Gantt SVG and the HTML report share it.
public struct OpPalette: Sendable, Equatable {
    /// Op types in the order they took colours, with their colours (`#rrggbb`).
    public let entries: [(op: String, colour: String)]
    private let lookup: [String: String]

    public static func == (a: OpPalette, b: OpPalette) -> Bool { a.lookup == b.lookup }

    /// Kelly's colours, most contrasting first.
    static let kelly = [
        "#f3c300", "#875692", "#f38400", "#a1caf1", "#be0032", "#c2b280", "#848482", "#008856", "#e68fac", "#0067a5",
        "#f99379", "#604e97", "#f6a600", "#b3446c", "#dcd300", "#882d17", "#8db600", "#654522", "#e25822", "#2b3d26",
    ]

    /// The palette for `problem`'s op types.
    /// - Complexity: O(|V|·|K| + T log T) for T op types.
    public init(problem: SchedulingProblem) {
        var weight: [String: Double] = [:]
        for v in problem.nodes.indices { weight[problem.nodes[v].op, default: 0] += problem.cheapestCost(v) }
        self.init(weights: weight)
    }

    /// The palette for op types with these weights (heavier types take colours first).
    public init(weights: [String: Double]) {
        let ordered = weights.keys.sorted { (weights[$0]!, $1) > (weights[$1]!, $0) }
        entries = ordered.enumerated().map { i, op in (op, Self.colour(at: i)) }
        lookup = Dictionary(uniqueKeysWithValues: entries.map { ($0.op, $0.colour) })
    }

    /// The colour of `op`; a type the palette was not built with gets grey.
    public func colour(_ op: String) -> String { lookup[op] ?? "#9e9e9e" }

    /// The i-th colour: Kelly's first, then golden-angle hues at two lightnesses.
    static func colour(at i: Int) -> String {
        if i < kelly.count { return kelly[i] }
        let j = i - kelly.count
        let hue = (Double(j) * 137.507_764).truncatingRemainder(dividingBy: 360)
        return hex(hue: hue, saturation: 0.6, lightness: j % 2 == 0 ? 0.5 : 0.7)
    }

    /// `#rrggbb` of an HSL colour (hue in degrees, the others in [0, 1]).
    static func hex(hue: Double, saturation s: Double, lightness l: Double) -> String {
        let c = (1 - abs(2 * l - 1)) * s
        let h = hue / 60
        let x = c * (1 - abs(h.truncatingRemainder(dividingBy: 2) - 1))
        let (r, g, b): (Double, Double, Double) = switch Int(h) {
        case 0: (c, x, 0)
        case 1: (x, c, 0)
        case 2: (0, c, x)
        case 3: (0, x, c)
        case 4: (x, 0, c)
        default: (c, 0, x)
        }
        let m = l - c / 2
        let byte = { (v: Double) in String(Int(((v + m) * 255).rounded()), radix: 16).leftPadded(2) }
        return "#" + byte(r) + byte(g) + byte(b)
    }
}

extension String {
    /// The string with `0`s in front up to `width` characters.
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
