package dev.scalecheck.core.orchestrator;

import java.util.List;
import java.util.Map;

/** The deployment's database, as scalecheck's probes see it: an administrator session in the application's schema. */
public interface SqlDatabase {

    /** The database's kind, {@code mariadb} or {@code postgres}: it chooses the {@code Dialect} every statement comes from. */
    String kind();

    /**
     * Runs one read-only query.
     *
     * @return rows as column label to text (SQL NULL is a Java null)
     * @throws OrchestratorException when the database cannot answer
     */
    List<Map<String, String>> query(String sql);
}
