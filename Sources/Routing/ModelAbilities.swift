/// A model's per-category quality in 0...1, from the catalog (public benchmark results).
public struct ModelAbilities: Sendable, Equatable {
    /// Indexed by `TaskCategory.index`; always `TaskCategory.allCases.count` entries.
    public var byCategory: [Double]

    public init(byCategory: [Double]) {
        precondition(byCategory.count == TaskCategory.allCases.count, "one ability per TaskCategory")
        self.byCategory = byCategory
    }

    public init(_ values: [TaskCategory: Double], default fallback: Double = 0.5) {
        self.byCategory = TaskCategory.allCases.map { values[$0] ?? fallback }
    }

    @inlinable public subscript(category: TaskCategory) -> Double { byCategory[category.index] }

    /// Mean over all categories: the ability used when a request's category is unknown.
    public var mean: Double { byCategory.reduce(0, +) / Double(byCategory.count) }
}
