import Wire

extension GeminiDialect {
    /// Google's 400 for a body that is not JSON.
    static let malformedJSON = SimError(.malformedJSON, message: "Invalid JSON payload received. Unexpected token.")

    /// The members of the object at `path`, keyed by their camelCase names. Gemini parses bodies
    /// as proto3 JSON: snake_case names are accepted too, and any name the message does not have
    /// is a 400, which is what catches a translator writing a field Gemini lacks.
    static func fields(_ value: JSONValue, at path: String, known: Set<String>) throws(SimError) -> JSONObject {
        guard let object = value.object else {
            throw SimError(.invalidParameter, message: "Invalid JSON payload received. Expected an object at '\(path)'.",
                           param: path)
        }
        var result = JSONObject()
        for member in object {
            let name = camelCase(member.key)
            guard known.contains(name) else {
                let location = path.isEmpty ? "" : " at '\(path)'"
                throw SimError(.invalidParameter, message: "Invalid JSON payload received. Unknown name \"\(member.key)\""
                    + "\(location): Cannot find field.", param: path)
            }
            result[name] = member.value
        }
        return result
    }

    /// A 400 in Gemini's validation style: `* Request.path: detail`.
    static func invalid(_ path: String, _ detail: String) -> SimError {
        SimError(.invalidParameter, message: "* GenerateContentRequest.\(path): \(detail)\n", param: path)
    }

    /// `function_declarations` for `functionDeclarations`.
    static func snakeCase(_ name: String) -> String {
        var out = ""
        for character in name {
            if character.isUppercase {
                out.append("_")
                out.append(contentsOf: character.lowercased())
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// `functionDeclarations` for `function_declarations`.
    static func camelCase(_ name: String) -> String {
        guard name.contains("_") else { return name }
        var out = ""
        var upper = false
        for character in name {
            if character == "_" {
                upper = !out.isEmpty
            } else {
                out.append(contentsOf: upper ? character.uppercased() : String(character))
                upper = false
            }
        }
        return out
    }

    static let requestFields: Set<String> = [
        "model", "contents", "tools", "toolConfig", "safetySettings", "systemInstruction", "generationConfig",
        "cachedContent",
    ]
    static let contentFields: Set<String> = ["role", "parts"]
    static let partFields: Set<String> = [
        "text", "inlineData", "fileData", "functionCall", "functionResponse", "thought", "thoughtSignature",
        "executableCode", "codeExecutionResult", "videoMetadata", "partMetadata", "mediaResolution",
    ]
    static let generationConfigFields: Set<String> = [
        "stopSequences", "responseMimeType", "responseSchema", "responseJsonSchema", "responseModalities",
        "candidateCount", "maxOutputTokens", "temperature", "topP", "topK", "seed", "presencePenalty",
        "frequencyPenalty", "responseLogprobs", "logprobs", "enableEnhancedCivicAnswers", "speechConfig",
        "thinkingConfig", "mediaResolution", "imageConfig",
    ]
    static let thinkingConfigFields: Set<String> = ["includeThoughts", "thinkingBudget", "thinkingLevel"]
    static let toolFields: Set<String> = [
        "functionDeclarations", "googleSearch", "googleSearchRetrieval", "codeExecution", "urlContext",
        "computerUse", "fileSearch", "googleMaps",
    ]
    static let declarationFields: Set<String> = [
        "name", "description", "behavior", "parameters", "parametersJsonSchema", "response", "responseJsonSchema",
    ]
    static let toolConfigFields: Set<String> = ["functionCallingConfig", "retrievalConfig"]
    static let callingConfigFields: Set<String> = ["mode", "allowedFunctionNames"]
    static let functionCallFields: Set<String> = ["id", "name", "args"]
    static let functionResponseFields: Set<String> = ["id", "name", "response", "willContinue", "scheduling", "parts"]
    static let blobFields: Set<String> = ["mimeType", "data", "displayName"]
    static let fileDataFields: Set<String> = ["mimeType", "fileUri", "displayName"]
}
