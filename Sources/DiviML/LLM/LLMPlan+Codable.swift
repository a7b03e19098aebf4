import Foundation

/// The plain JSON form of an LLM plan (`"format": "diviml-llm-plan/1"`): the headline
/// figures, then the whole plan (model, workload, replicas with their stages, memory and
/// times, and the search statistics).
public struct LLMPlanDocument: Codable, Sendable {
    public static let formatName = "diviml-llm-plan/1"
    public var format: String
    public var objective: LLMObjective
    public var prefillSeconds: Double
    public var perTokenSeconds: Double
    public var tokensPerSecond: Double
    public var plan: LLMPlan

    public init(plan: LLMPlan) {
        format = Self.formatName
        objective = plan.objective
        prefillSeconds = plan.prefillSeconds
        perTokenSeconds = plan.perTokenSeconds
        tokensPerSecond = plan.tokensPerSecond
        self.plan = plan
    }
}

extension LLMPlan {
    /// The plan as pretty-printed JSON with sorted keys.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(LLMPlanDocument(plan: self))
    }

    /// Reads a plan written by `jsonData()`.
    /// - Throws: `InputError.malformed` naming the file and the path inside it.
    public static func decode(_ data: Data, file: String) throws -> LLMPlan {
        let document = try decodeJSON(LLMPlanDocument.self, from: data, file: file)
        guard document.format == LLMPlanDocument.formatName else {
            throw InputError.malformed(file: file, path: "format", expected: "'\(LLMPlanDocument.formatName)', found '\(document.format)'")
        }
        return document.plan
    }
}
