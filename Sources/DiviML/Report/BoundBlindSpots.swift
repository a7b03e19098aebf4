/// What each lower bound leaves out, in words: the part of a gap the bound, rather than
/// the plan, may account for (docs/splitting-and-bounds.md derives each bound).
public enum BoundBlindSpots {
    /// What the bound named `name` (as `LowerBounds` and `Planner` name them) ignores.
    public static func ignores(_ name: String) -> String {
        if name.hasSuffix("'s proven bound") {
            return "only what the exact engine could not close within its time limit: the optimum lies between the bound and the best schedule it found"
        }
        switch name {
        case "critical path":
            return "that a device runs one node at a time, the transfers between devices, and memory: every node of the path runs on its fastest device"
        case "critical path with transfers":
            return "that a device runs one node at a time (work off the path competes for the same devices), and memory"
        case "critical path with memory":
            return "that a device runs one node at a time (work off the path competes for the same devices)"
        case "average load":
            return "the graph's edges (work may overlap freely), the transfers, memory, and that a node cannot be split over devices"
        case "fluid load":
            return "the graph's edges (work may overlap freely), the transfers between devices, memory, and that a node cannot be split over devices"
        case "fluid load in windows":
            return "the graph's edges inside each device's window (work may overlap freely there), memory, and that a node cannot be split over devices"
        case "split-point device chain (closed forms)":
            return "within each segment between split points, what the critical-path and load bounds ignore, with the devices of the split points fixed"
        case "fluid load with links (HiGHS LP)":
            return "that a node cannot be split over devices (the LP spreads each node's work fractionally)"
        case "largest node":
            return "every node but the most expensive one"
        case "segments":
            return "within each segment between split points, what the critical-path and load bounds ignore (contention on the path, the edges for the load)"
        case "segment relaxations":
            return "within each segment, what CP-SAT did not prove within its budget, and the transfers across segment ends"
        default:
            return "see docs/splitting-and-bounds.md for what this bound relaxes"
        }
    }

    /// Whether the bound is a path bound (it charges a chain of nodes) rather than a load bound.
    static func isPathBound(_ name: String) -> Bool {
        name.hasPrefix("critical path")
    }

    /// Whether the bound is a load bound (it spreads work over devices, ignoring the edges).
    static func isLoadBound(_ name: String) -> Bool {
        ["average load", "fluid load", "fluid load in windows", "fluid load with links (HiGHS LP)"].contains(name)
    }
}
