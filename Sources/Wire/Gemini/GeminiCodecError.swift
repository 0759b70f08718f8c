/// A translation to or from Gemini's format that cannot be done faithfully.
///
/// The gateway answers the caller with a 400 (request side) or a 502 (response side) carrying
/// `message`.
public struct GeminiCodecError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What could not be translated; stable for tests and metrics.
    public enum Code: String, Sendable, Equatable {
        /// The canonical request holds members Gemini has no place for (`ChatRequest.unsupported`).
        case unsupportedMember
        /// An image URL Gemini cannot fetch (not `gs://`, not a Files API or YouTube URI).
        case unsupportedImageURL
        /// A `data:` URL that is not `data:<type>;base64,<data>`.
        case invalidImage
        /// A tool call's arguments are not a JSON object.
        case invalidToolArguments
        /// A tool or response schema that Gemini's schema subset cannot express.
        case invalidSchema
        /// A tool result whose function name is given nowhere (no name, no earlier call, no id).
        case unknownToolResult
        /// More stop sequences than Gemini accepts.
        case tooManyStopSequences
        /// A Gemini response body that is not the documented JSON shape.
        case malformedResponse
        /// An embeddings request outside what `batchEmbedContents` expresses.
        case invalidEmbeddingsRequest
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
