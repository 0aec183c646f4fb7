package a1.cli.serve;

import a1.peer.routing.SwarmRetryException;
import a1.spec.OneLine;

/**
 * A request the API refuses, carrying what OpenAI's error object says: HTTP status, type, offending param, code.
 * The message quotes the request (a model name, a path), so it is kept to one line ({@link OneLine}).
 */
final class ApiException extends RuntimeException {
    final int status;
    final String type;
    final String param;
    final String code;

    ApiException(int status, String type, String param, String code, String message) {
        super(OneLine.of(message));
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    static ApiException invalid(String param, String message) {
        return new ApiException(400, "invalid_request_error", param, null, message);
    }

    /**
     * A generation that failed: 503 when the swarm cannot serve it now (no peer for some layers, failover exhausted;
     * a retry may succeed), else 500.
     */
    static ApiException failed(RuntimeException e) {
        if (e instanceof ApiException a) return a;
        if (e instanceof SwarmRetryException) return new ApiException(503, "server_error", null, "swarm_unavailable", "generation failed: " + e.getMessage());
        return new ApiException(500, "server_error", null, null, "generation failed: " + e.getMessage());
    }
}
