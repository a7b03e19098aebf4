/// The deterministic work budget of the exact engines: how `SolveOptions.timeLimit` turns
/// into a limit that does not depend on the machine's speed or load, so that the same
/// input gives the same plan (issue 9).
///
/// A work unit is one of CP-SAT's deterministic seconds (`max_deterministic_time`, a
/// weighted count of the solver's basic operations that OR-Tools calibrates to about one
/// second on its own machines). HiGHS has no deterministic clock; its budget is a
/// branch-and-bound node limit (`mip_max_nodes`), `highsNodesPerUnit` nodes per unit.
///
/// The conversions were measured on the development machine (2 shared cores, release
/// build; docs/exact-solvers.md, "Determinism"), and chosen so that a budget derived from
/// `timeLimit` usually runs out before the wall clock does: then the wall-clock limit,
/// which stays a hard cap, only decides on a machine much slower or busier than that one.
public enum WorkBudget {
    /// Work units per second of `timeLimit`. CP-SAT advanced 0.007-0.35 units per wall
    /// second on the module solves of GoogLeNet, Inception v3 and RandWire (one worker,
    /// 6 solves sharing the 2 cores; median 0.03) and 0.065-0.44 on whole zoo models
    /// (2 workers); at 0.02 a module solve (1 s nominal) ends within its cap down to
    /// 0.004 units per second, and the module solves proven optimal needed 0.002 (median)
    /// to 0.07 units.
    public static let unitsPerSecond = 0.02
    /// The default `--time-limit` of a plan, seconds: the budget the default shares of
    /// splitting and `auto` are sized for (a 460-node RandWire graph planned in about 3 s,
    /// docs/benchmarks.md); what a larger limit adds goes where it helps most
    /// (`SplittingSolver.extraResolveShare`).
    public static let defaultSeconds = 60.0
    /// HiGHS branch-and-bound nodes per work unit.
    public static let highsNodesPerUnit = 10_000.0
    /// A sub-solve with a nominal limit of s seconds (`SolveOptions.limited(to:)`) is
    /// capped at this many times s of wall clock, its budget being that of s.
    public static let subSolveCapFactor = 5.0
    /// The smallest budget handed to an engine.
    static let minimumUnits = 0.001

    /// The budget for a wall-clock limit of `seconds`.
    public static func units(forSeconds seconds: Double) -> Double { max(0, seconds) * unitsPerSecond }

    /// HiGHS's node limit for a budget of `units`.
    static func highsNodes(_ units: Double) -> Int32 {
        Int32(min(Double(Int32.max), max(1, (units * highsNodesPerUnit).rounded(.up))))
    }

    /// The note an engine adds when the wall clock, not the work budget, stopped it.
    static func wallClockNote(engine: String, seconds: Double, used: String) -> String {
        "the wall-clock limit (\(formatSeconds(seconds))) stopped \(engine) \(used): the plan may vary between runs"
    }
}
