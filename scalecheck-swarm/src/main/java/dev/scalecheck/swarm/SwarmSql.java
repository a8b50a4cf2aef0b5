package dev.scalecheck.swarm;

import dev.scalecheck.compose.ComposeOutput;
import dev.scalecheck.core.orchestrator.Command;
import dev.scalecheck.core.orchestrator.OrchestratorException;
import dev.scalecheck.core.orchestrator.SqlDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * SQL probes by {@code exec} into the database task's container on its node, with the client
 * and the statement as on compose ({@link ComposeOutput#MARIADB_CLIENT}): the administrator over the local
 * socket, nothing secret on a command line. MariaDB (and MySQL) only so far.
 */
final class SwarmSql implements SqlDatabase {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Where the database runs now: a node's address and the container's id (it changes when the task is replaced). */
    record Location(String nodeAddress, String containerId) {}

    private final SwarmCli cli;
    private final String service;
    private final String database;
    private final Supplier<Location> location;

    SwarmSql(SwarmCli cli, String service, String database, Supplier<Location> location) {
        this.cli = cli;
        this.service = service;
        this.database = database;
        this.location = location;
    }

    @Override
    public String kind() {
        return "mariadb";
    }

    @Override
    public List<Map<String, String>> query(String sql) {
        Location at = location.get();
        Command.Result result = cli.onNode(at.nodeAddress(), TIMEOUT, sql + ";\n",
                List.of("exec", "-i", at.containerId(), "sh", "-c", ComposeOutput.MARIADB_CLIENT, database));
        if (!result.ok()) {
            throw new OrchestratorException("database probe in service '" + service + "' failed (" + sql + "): "
                    + result.stderr().strip());
        }
        return ComposeOutput.rows(result.stdout());
    }
}
