/// A thin writer of `CpModelProto`: integer variables, Boolean literals and the handful of
/// constraint kinds the DiviML models use. A literal is a variable index (true when the
/// variable is 1) or `-index - 1` (its negation), CP-SAT's convention.
struct CPModelBuilder {
    private(set) var model = OperationsResearch_Sat_CpModelProto()
    private var hintVars: [Int32] = []
    private var hintValues: [Int64] = []

    /// A new integer variable with domain [lo, hi].
    mutating func newInt(_ lo: Int64, _ hi: Int64, _ name: String = "") -> Int32 {
        var v = OperationsResearch_Sat_IntegerVariableProto()
        v.domain = [lo, hi]
        v.name = name
        model.variables.append(v)
        return Int32(model.variables.count - 1)
    }

    /// A new Boolean variable.
    mutating func newBool(_ name: String = "") -> Int32 { newInt(0, 1, name) }

    /// The negation of a literal.
    static func not(_ literal: Int32) -> Int32 { -literal - 1 }

    private mutating func add(_ c: OperationsResearch_Sat_ConstraintProto.OneOf_Constraint, if enforcement: [Int32] = []) {
        var proto = OperationsResearch_Sat_ConstraintProto()
        proto.enforcementLiteral = enforcement
        proto.constraint = c
        model.constraints.append(proto)
    }

    /// `lo <= Σ coeffs·vars <= hi`, enforced only when every literal of `enforcement` holds.
    mutating func linear(_ terms: [(Int32, Int64)], _ lo: Int64, _ hi: Int64, if enforcement: [Int32] = []) {
        var l = OperationsResearch_Sat_LinearConstraintProto()
        l.vars = terms.map(\.0)
        l.coeffs = terms.map(\.1)
        l.domain = [lo, hi]
        add(.linear(l), if: enforcement)
    }

    /// Exactly one of the literals is true.
    mutating func exactlyOne(_ literals: [Int32]) {
        var b = OperationsResearch_Sat_BoolArgumentProto()
        b.literals = literals
        add(.exactlyOne(b))
    }

    /// At least one of the literals is true (when `enforcement` holds).
    mutating func boolOr(_ literals: [Int32], if enforcement: [Int32] = []) {
        var b = OperationsResearch_Sat_BoolArgumentProto()
        b.literals = literals
        add(.boolOr(b), if: enforcement)
    }

    /// An interval [start, start + size) of fixed size, present when `presence` is true.
    /// - Returns: the index of the interval constraint, for `noOverlap`.
    mutating func optionalInterval(start: Int32, size: Int64, presence: Int32) -> Int32 {
        var i = OperationsResearch_Sat_IntervalConstraintProto()
        i.start = Self.expr([(start, 1)])
        i.size = Self.expr([], offset: size)
        i.end = Self.expr([(start, 1)], offset: size)
        add(.interval(i), if: [presence])
        return Int32(model.constraints.count - 1)
    }

    /// The present intervals never overlap.
    mutating func noOverlap(_ intervals: [Int32]) {
        var n = OperationsResearch_Sat_NoOverlapConstraintProto()
        n.intervals = intervals
        add(.noOverlap(n))
    }

    /// Minimise one variable.
    mutating func minimize(_ variable: Int32) {
        var o = OperationsResearch_Sat_CpObjectiveProto()
        o.vars = [variable]
        o.coeffs = [1]
        model.objective = o
    }

    /// Suggests a value for a variable (the solution hint).
    mutating func hint(_ variable: Int32, _ value: Int64) {
        hintVars.append(variable)
        hintValues.append(value)
    }

    /// The finished model, hint included.
    func finished(name: String) -> OperationsResearch_Sat_CpModelProto {
        var m = model
        m.name = name
        if !hintVars.isEmpty {
            var h = OperationsResearch_Sat_PartialVariableAssignment()
            h.vars = hintVars
            h.values = hintValues
            m.solutionHint = h
        }
        return m
    }

    private static func expr(_ terms: [(Int32, Int64)], offset: Int64 = 0) -> OperationsResearch_Sat_LinearExpressionProto {
        var e = OperationsResearch_Sat_LinearExpressionProto()
        e.vars = terms.map(\.0)
        e.coeffs = terms.map(\.1)
        e.offset = offset
        return e
    }
}
