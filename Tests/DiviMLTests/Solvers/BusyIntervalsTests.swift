@testable import DiviML
import Testing

/// The gap index of the insertion policy (`BusyIntervals`) answers exactly as walking the
/// intervals one by one, as HEFT's insertion policy is defined (Topcuoglu et al. 2002).
@Suite("Busy intervals")
struct BusyIntervalsTests {
    /// The definition: the first idle gap long enough at or after `t`.
    func walk(_ slots: [(start: Double, finish: Double)], from t: Double, length: Double) -> Double {
        var t = t
        for slot in slots where slot.finish > t {
            if t + length <= slot.start { return t }
            t = max(t, slot.finish)
        }
        return t
    }

    @Test("queries match the walk on seeded timelines, through insertions and removals", arguments: UInt64(1)...6)
    func queriesMatchTheWalk(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        var busy = BusyIntervals()
        var reference: [(start: Double, finish: Double)] = []
        for step in 0..<1500 {
            let length = 0.001 + rng.nextUnit() * (rng.next() % 5 == 0 ? 0.5 : 0.01)
            let start = busy.earliestStart(from: rng.nextUnit() * Double(step) * 0.004, length: length)
            busy.insert(start: start, finish: start + length)
            reference.append((start, start + length))
            reference.sort { $0.start < $1.start }
            if step % 7 == 3 {
                let victim = reference.remove(at: Int(rng.next() % UInt64(reference.count)))
                let removed = busy.remove(start: victim.start)
                #expect(removed)
            }
            #expect(busy.slots.map(\.start) == reference.map(\.start))
            for _ in 0..<4 {
                let t = rng.nextUnit() * Double(step + 1) * 0.004
                let want = rng.nextUnit() * (rng.next() % 3 == 0 ? 0.2 : 0.004) + 1e-6
                #expect(busy.earliestStart(from: t, length: want) == walk(reference, from: t, length: want))
            }
        }
        let removedNothing = busy.remove(start: -1)
        #expect(!removedNothing)
    }
}
