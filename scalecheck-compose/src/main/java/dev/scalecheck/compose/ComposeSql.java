package dev.scalecheck.compose;

import dev.scalecheck.core.orchestrator.Command;
import dev.scalecheck.core.orchestrator.OrchestratorException;
import dev.scalecheck.core.orchestrator.SqlDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * SQL probes through {@code exec -T <db> mariadb}: the statement goes in on stdin; the client
 * runs inside the database container as root over its socket, or with the password read there
 * from MARIADB_ROOT_PASSWORD_FILE: nothing secret is ever on the host's command line.
 */
final class ComposeSql implements SqlDatabase {
    private static final String CLIENT = "if [ -n \"${MARIADB_ROOT_PASSWORD_FILE:-}\" ]; then "
            + "MYSQL_PWD=$(cat \"$MARIADB_ROOT_PASSWORD_FILE\"); export MYSQL_PWD; fi; "
            + "exec mariadb --batch --user=root \"$0\"";

    private final ComposeCli cli;
    private final String service;
    private final String database;

    ComposeSql(ComposeCli cli, String service, String database) {
        this.cli = cli;
        this.service = service;
        this.database = database;
    }

    @Override
    public String kind() {
        return "mariadb";
    }

    @Override
    public List<Map<String, String>> query(String sql) {
        Command.Result result = cli.run(Duration.ofSeconds(30), sql + ";\n",
                List.of("exec", "-T", service, "sh", "-c", CLIENT, database));
        if (!result.ok()) {
            throw new OrchestratorException("database probe in service '" + service + "' failed (" + sql + "): "
                    + result.stderr().strip());
        }
        return ComposeOutput.rows(result.stdout());
    }
}
