/// How many admissions one kind of limit refused, for one kind of scope.
public struct RejectionCount: Sendable, Hashable {
    public let scope: Scope.Kind
    public let kind: Denial.Kind
    public let count: Int

    public init(scope: Scope.Kind, kind: Denial.Kind, count: Int) {
        self.scope = scope
        self.kind = kind
        self.count = count
    }
}
