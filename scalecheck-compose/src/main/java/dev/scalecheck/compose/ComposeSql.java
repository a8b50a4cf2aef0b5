package dev.scalecheck.compose;

import dev.scalecheck.core.orchestrator.Command;
import dev.scalecheck.core.orchestrator.OrchestratorException;
import dev.scalecheck.core.orchestrator.SqlDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * SQL probes through {@code exec -T <db> sh -c <client> <database>} with the statement on stdin:
 * the database's own client runs inside its container over the local socket, as an
 * administrator. A password, where the image wants one there, is read inside the container
 * from the image's own variables: nothing secret is ever on the host's command line.
 * <ul>
 * <li>MariaDB and MySQL: {@code mariadb --batch} as root (socket authentication, or
 * MARIADB_ROOT_PASSWORD_FILE, handed over in a temporary option file).</li>
 * <li>PostgreSQL: {@code psql} as {@code ${POSTGRES_USER:-postgres}} (the superuser of the
 * official image's interface; local connections are trusted there, else PGPASSWORD from
 * POSTGRES_PASSWORD_FILE or POSTGRES_PASSWORD), without psqlrc, stopping at the first error;
 * unaligned, a tab between fields, a NUL after each record, header, no footer, NULL as the
 * text NULL.</li>
 * </ul>
 */
final class ComposeSql implements SqlDatabase {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /**
     * With a root password file: the password goes to the client through an option file
     * ({@code --defaults-extra-file}) that the shell writes inside the container with umask 077
     * and removes when the client ends, not through {@code MYSQL_PWD}, which MariaDB documents as
     * insecure. In the file the password is double-quoted, with backslash and quote escaped.
     */
    static final String MARIADB = "if [ -n \"${MARIADB_ROOT_PASSWORD_FILE:-}\" ]; then "
            + "umask 077; f=$(mktemp) || exit 1; trap 'rm -f \"$f\"' EXIT HUP INT TERM; "
            + "p=$(cat \"$MARIADB_ROOT_PASSWORD_FILE\") || exit 1; "
            + "printf '[client]\\npassword=\"%s\"\\n' \"$(printf '%s' \"$p\" | sed 's/[\\\\\"]/\\\\&/g')\" > \"$f\" || exit 1; "
            + "unset p; mariadb --defaults-extra-file=\"$f\" --batch --user=root \"$0\"; "
            + "else exec mariadb --batch --user=root \"$0\"; fi";
    private static final String PSQL = "if [ -n \"${POSTGRES_PASSWORD_FILE:-}\" ]; then "
            + "PGPASSWORD=$(cat \"$POSTGRES_PASSWORD_FILE\"); export PGPASSWORD; "
            + "elif [ -n \"${POSTGRES_PASSWORD:-}\" ]; then PGPASSWORD=$POSTGRES_PASSWORD; export PGPASSWORD; fi; "
            + "exec psql -X -q -v ON_ERROR_STOP=1 --no-align --field-separator=\"$(printf '\\t')\" --record-separator-zero "
            + "--pset=footer=off --pset=null=NULL --username=\"${POSTGRES_USER:-postgres}\" --dbname=\"$0\"";

    private final ComposeCli cli;
    private final String service;
    private final String database;
    private final DatabaseKind kind;
    private final String client;

    ComposeSql(ComposeCli cli, String service, String database, DatabaseKind kind) {
        this.cli = cli;
        this.service = service;
        this.database = database;
        this.kind = kind;
        this.client = switch (kind) {
            case MARIADB -> MARIADB;
            case POSTGRES -> PSQL;
        };
    }

    @Override
    public String kind() {
        return kind.kind();
    }

    DatabaseKind databaseKind() {
        return kind;
    }

    @Override
    public List<Map<String, String>> query(String sql) {
        return query(database, sql);
    }

    /** One query in another database of the same server (as the administrator), e.g. PostgreSQL's {@code postgres}. */
    List<Map<String, String>> query(String in, String sql) {
        String output = execute(in, sql + ";\n", "database probe in service '" + service + "' failed (" + sql + ")");
        try {
            return kind == DatabaseKind.POSTGRES ? ComposeOutput.psqlRows(output) : ComposeOutput.rows(output);
        } catch (IllegalArgumentException e) {
            throw new OrchestratorException("database probe in service '" + service + "' (" + sql + "): " + e.getMessage(), e);
        }
    }

    /**
     * Runs statements as the administrator, connected to {@code in}; the client stops at the
     * first error, which is an OrchestratorException starting with {@code what}.
     *
     * @return what the client printed
     */
    String execute(String in, String statements, String what) {
        Command.Result result = cli.run(TIMEOUT, statements, List.of("exec", "-T", service, "sh", "-c", client, in));
        if (!result.ok()) {
            throw new OrchestratorException(what + ": " + result.stderr().strip());
        }
        return result.stdout();
    }
}
