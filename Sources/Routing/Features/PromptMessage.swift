/// One message of a conversation given as plain text (datasets, tools).
public struct PromptMessage: Sendable, Equatable {
    /// `system`, `developer`, `user`, `assistant` or `tool`.
    public var role: String
    public var content: String

    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }
}
