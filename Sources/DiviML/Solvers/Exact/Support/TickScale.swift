/// Converts schedule seconds to the integer ticks CP-SAT works in, and back, safely.
///
/// Every duration (cost, transfer, release, device-ready time) is rounded *up* to ticks:
/// `ticks(x) = ceil(x · ticksPerSecond)`. Hence (1) any schedule the integer model accepts,
/// re-simulated in seconds with the same placement and per-device order, finishes no
/// later than the integer makespan divided by the scale; (2) the integer optimum exceeds
/// `scale × true optimum` by less than one tick per rounded term on the longest chain of
/// the true optimal schedule, at most `roundingSlack` ticks. A bound `B` proven on the
/// integer model therefore gives the valid bound `(B − roundingSlack) / scale` in seconds,
/// which `seconds(bound:)` returns, nudged down against floating-point error.
///
/// The scale puts the horizon (a schedule-independent upper bound on any makespan or
/// period) at `targetHorizon` ticks, below the ~1e9 docs/design.md §2 asks for, so the relative
/// rounding error of a reported optimum is about `roundingSlack / targetHorizon` (1e-7 for
/// 50 nodes).
struct TickScale: Sendable {
    /// Horizon in ticks; 2^29 leaves room for sums of rounded terms below 1e9.
    static let targetHorizon = 536_870_912.0

    let ticksPerSecond: Double
    /// Ticks that rounding may add along one chain (see the type's comment).
    let roundingSlack: Int64

    /// - Parameters:
    ///   - horizonSeconds: an upper bound on every quantity the model represents.
    ///   - roundedTerms: the most rounded terms one chain or load can sum.
    /// The finest scale: a horizon of denormal seconds (every cost below 1e-300 s) would
    /// otherwise give an infinite scale; under this cap each such term is one tick.
    static let maximumTicksPerSecond = 1e300

    init(horizonSeconds: Double, roundedTerms: Int) {
        // Problem validation keeps every cost and serial sum of transfers finite.
        precondition(horizonSeconds.isFinite, "horizon \(horizonSeconds) s: the problem should have been rejected")
        ticksPerSecond = horizonSeconds > 0 ? min(Self.targetHorizon / horizonSeconds, Self.maximumTicksPerSecond) : 1
        roundingSlack = Int64(roundedTerms)
    }

    /// Seconds rounded up to ticks. Every quantity the models scale is at most the horizon,
    /// hence at most `targetHorizon` ticks; the clamp only guards against rounding.
    func ticks(_ seconds: Double) -> Int64 {
        seconds <= 0 ? 0 : Int64(min((seconds * ticksPerSecond).rounded(.up), 0x1p62))
    }

    /// A value in seconds from ticks, for progress display only.
    func approximateSeconds(_ ticks: Double) -> Double { ticks / ticksPerSecond }

    /// The valid lower bound in seconds implied by a bound proven on the integer model.
    func seconds(bound ticks: Double) -> Double {
        max(0, (ticks - Double(roundingSlack)) / ticksPerSecond * (1 - 1e-12))
    }
}
