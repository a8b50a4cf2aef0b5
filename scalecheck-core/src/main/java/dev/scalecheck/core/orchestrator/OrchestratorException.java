package dev.scalecheck.core.orchestrator;

/** The environment could not be brought up or reached (Docker missing, port in use, database would not start). */
public class OrchestratorException extends RuntimeException {
    public OrchestratorException(String message) {
        super(message);
    }

    public OrchestratorException(String message, Throwable cause) {
        super(message, cause);
    }
}
