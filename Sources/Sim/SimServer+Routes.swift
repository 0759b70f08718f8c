import HTTP
import HTTP1
import Wire

extension SimServer {
    /// The request handler: routes by path, then checks the method, as OpenAI's API does
    /// (an unknown path is a 404 whatever the method).
    func handle(_ request: ServerRequest, _ writer: ResponseWriter) async {
        let path = request.path
        switch path {
        case "/v1/chat/completions", "/chat/completions":
            guard allowed(.post, request, writer) else { return }
            await chatCompletion(request, writer)
        case "/v1/responses", "/responses":
            guard allowed(.post, request, writer) else { return }
            await responses(request, writer)
        case "/v1/messages":
            await anthropicMessages(request, writer) // Checks the method itself: errors in Anthropic's shape.
        case "/v1/messages/count_tokens":
            anthropicCountTokens(request, writer)
        case "/v1/embeddings", "/embeddings":
            guard allowed(.post, request, writer) else { return }
            openAIEmbeddings(request, writer)
        case "/v1/models", "/models":
            guard allowed(.get, request, writer) else { return }
            sendJSON(OpenAIDialect.modelList(options.models), to: writer)
        case "/health":
            guard allowed(.get, request, writer) else { return }
            sendJSON(Array(#"{"status":"ok"}"#.utf8), to: writer)
        case "/sim/stats":
            guard allowed(.get, request, writer) else { return }
            sendJSON(stats.encoded(), to: writer)
        default:
            if let route = GeminiRoute(path: path) {
                await gemini(route, request, writer) // Checks method and key itself: errors in Gemini's shape.
            } else if let id = Self.storedResponseID(in: path) {
                send(Self.responseNotFound(id), to: writer)
            } else if let id = Self.modelID(in: path) {
                guard allowed(.get, request, writer) else { return }
                guard options.models.contains(where: { $0[...] == id }) else {
                    return send(OpenAIDialect.modelNotFound(id), to: writer)
                }
                sendJSON(OpenAIDialect.model(String(id)), to: writer)
            } else {
                send(OpenAIDialect.unknownPath(method: request.method.rawValue, path: path), to: writer)
            }
        }
    }

    /// The id in `/v1/models/{id}` (or `/models/{id}`), if the path has that shape.
    static func modelID(in path: Substring) -> Substring? {
        for prefix in ["/v1/models/", "/models/"] where path.hasPrefix(prefix) {
            let id = path.dropFirst(prefix.count)
            return id.isEmpty || id.contains("/") ? nil : id
        }
        return nil
    }

    /// Answers 405 unless the request uses `method`.
    private func allowed(_ method: HTTPMethod, _ request: ServerRequest, _ writer: ResponseWriter) -> Bool {
        // HEAD is GET without the body (the writer leaves the body out).
        guard request.method != method && !(method == .get && request.method == .head) else { return true }
        send(OpenAIDialect.methodNotAllowed(method: request.method.rawValue, path: request.path,
                                            allow: method.rawValue), to: writer)
        return false
    }

    func send(_ failure: SimError, to writer: ResponseWriter) {
        let response = OpenAIDialect.errorResponse(failure)
        writer.respond(status: response.status, headers: response.headers, body: response.body)
    }

    func sendJSON(_ body: [UInt8], extraHeaders: Headers = Headers(), to writer: ResponseWriter) {
        var headers = extraHeaders
        headers.append(name: "Content-Type", value: "application/json")
        writer.respond(status: .ok, headers: headers, body: body)
    }
}
