/// The busy intervals of one device, sorted by start (and so by finish: they do not
/// overlap), with the longest idle gap of every block of `blockSize` consecutive
/// intervals, so that the insertion policy of HEFT skips blocks whose gaps are all too
/// short instead of walking every interval.
///
/// The gaps are indexed by block (a sqrt-decomposition rather than a tree, since
/// intervals are added mostly at the end): a query walks O(b / blockSize + blockSize)
/// entries for b intervals; adding or removing an interval at index i updates the blocks
/// from i's on, O(b − i).
struct BusyIntervals: Sendable {
    static let blockSize = 64

    private(set) var slots: [(start: Double, finish: Double)] = []
    /// `blockGap[k]`: the longest gap `start[i] − finish[i − 1]` for i in block k (i ≥ 1).
    private var blockGap: [Double] = []

    var last: (start: Double, finish: Double)? { slots.last }
    var count: Int { slots.count }

    /// Index of the first interval finishing after `t`. - Complexity: O(log b).
    func firstFinishing(after t: Double) -> Int {
        var lo = 0, hi = slots.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if slots[mid].finish <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The earliest start at or after `t` of `length` (> 0) seconds that overlaps no interval:
    /// `t` itself, or the finish of the interval before the first idle gap long enough
    /// after `t`, or the last finish. The same answer, to the bit, as walking the intervals
    /// one by one (`finish + length <= next start`); blocks are skipped only when their
    /// longest gap is short by more than rounding can explain.
    /// - Complexity: O(log b + b / blockSize + blockSize).
    func earliestStart(from t: Double, length: Double) -> Double {
        let first = firstFinishing(after: t)
        guard first < slots.count else { return t }
        if t + length <= slots[first].start { return t }
        var j = first + 1
        while j < slots.count {
            if j % Self.blockSize == 0 {
                let block = j / Self.blockSize
                let lastStart = slots[min(slots.count, j + Self.blockSize) - 1].start
                if blockGap[block] + 4 * lastStart.magnitude.ulp < length {
                    j += Self.blockSize
                    continue
                }
            }
            if slots[j - 1].finish + length <= slots[j].start { return slots[j - 1].finish }
            j += 1
        }
        return slots[slots.count - 1].finish
    }

    /// Adds an interval of positive length that overlaps none. - Complexity: O(b − i), i its index.
    mutating func insert(start: Double, finish: Double) {
        let at = firstFinishing(after: start)
        slots.insert((start, finish), at: at)
        refreshBlocks(from: at)
    }

    /// Removes the interval that starts at `start`; false when there is none.
    /// - Complexity: O(b − i), i its index.
    mutating func remove(start: Double) -> Bool {
        let at = firstFinishing(after: start)
        guard at < slots.count, slots[at].start == start else { return false }
        slots.remove(at: at)
        refreshBlocks(from: at)
        return true
    }

    /// Recomputes the gap of every block holding index `at` or later.
    private mutating func refreshBlocks(from at: Int) {
        let blocks = (slots.count + Self.blockSize - 1) / Self.blockSize
        let firstBlock = min(at / Self.blockSize, blocks)
        blockGap.removeSubrange(min(firstBlock, blockGap.count)...)
        for block in firstBlock..<blocks {
            var longest = -Double.infinity
            for i in max(1, block * Self.blockSize)..<min(slots.count, (block + 1) * Self.blockSize) {
                longest = max(longest, slots[i].start - slots[i - 1].finish)
            }
            blockGap.append(longest)
        }
    }
}
