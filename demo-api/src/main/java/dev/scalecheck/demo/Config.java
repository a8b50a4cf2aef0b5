package dev.scalecheck.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The service's configuration, read from the environment only (a password never comes from argv).
 *
 * @param dbKind DB_KIND, or the database DB_URL names
 * @param host HOSTNAME, else the machine's name: the default replica id, and part of the stale-lock row's locked_by
 * @param faults the fault switches that apply to this replica (already filtered by DEMO_FAULT_REPLICA)
 * @param migrationDelay DEMO_MIGRATION_DELAY: how long the lock holder waits under the lock before applying pending migrations
 * @param drainTimeout DEMO_DRAIN_TIMEOUT: the longest a SIGTERM drain lasts before the server stops
 */
record Config(
        String bindAddress,
        int port,
        String dbUrl,
        DatabaseKind dbKind,
        String dbUser,
        Secret dbPassword,
        String host,
        String replicaId,
        Path dataDir,
        int poolSize,
        Set<Fault> faults,
        Duration lockTimeout,
        Duration lockHold,
        Duration slowStart,
        Duration dbWait,
        Duration migrationDelay,
        Duration drainTimeout) {

    static final String LOCK_NAME = "demo_migration";
    static final int BIG_POOL_SIZE = 200;

    boolean has(Fault fault) {
        return faults.contains(fault);
    }

    static Config fromEnvironment(Map<String, String> env) {
        String host = hostName(env);
        String replicaId = env.getOrDefault("REPLICA_ID", "").isBlank() ? host : env.get("REPLICA_ID").trim();
        Set<Fault> faults = Fault.parseList(env.get("DEMO_FAULT"));
        String faultReplica = env.get("DEMO_FAULT_REPLICA");
        if (faultReplica != null && !faultReplica.isBlank() && !isReplica(replicaId, faultReplica.trim())) {
            faults.clear();
        }
        int poolSize = faults.contains(Fault.BIG_POOL) ? BIG_POOL_SIZE : intVar(env, "DB_POOL_SIZE", 5, 1, 1000);
        String url = required(env, "DB_URL", "a JDBC URL such as jdbc:mariadb://127.0.0.1:3306/app or "
                + "jdbc:postgresql://127.0.0.1:5432/app");
        return new Config(
                env.getOrDefault("BIND_ADDRESS", "0.0.0.0"),
                intVar(env, "PORT", 7777, 0, 65535),
                url,
                DatabaseKind.of(env.get("DB_KIND"), url),
                required(env, "DB_USER", "the database user name"),
                password(env),
                host,
                replicaId,
                Path.of(env.getOrDefault("DATA_DIR", "data")),
                poolSize,
                Set.copyOf(faults),
                seconds(env, "DEMO_LOCK_TIMEOUT", 120),
                seconds(env, "DEMO_LOCK_HOLD", 8),
                seconds(env, "DEMO_SLOW_START", 20),
                seconds(env, "DB_WAIT_TIMEOUT", 60),
                seconds(env, "DEMO_MIGRATION_DELAY", 0),
                seconds(env, "DEMO_DRAIN_TIMEOUT", 10));
    }

    /** Who holds the stale-lock row, as its locked_by says: {@code api-1 (host, pid 4242)}. */
    String lockOwner() {
        return replicaId + " (" + host + ", pid " + ProcessHandle.current().pid() + ")";
    }

    /** DEMO_FAULT_REPLICA names a replica by its id ("api-2") or by its index ("2" matches "api-2"). */
    static boolean isReplica(String replicaId, String wanted) {
        return replicaId.equals(wanted) || replicaId.endsWith("-" + wanted);
    }

    private static String hostName(Map<String, String> env) {
        String host = env.get("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    private static Secret password(Map<String, String> env) {
        String file = env.get("DB_PASSWORD_FILE");
        if (file != null && !file.isBlank()) {
            try {
                return new Secret(Files.readString(Path.of(file), StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                throw new ConfigException("DB_PASSWORD_FILE '" + file + "' cannot be read (" + e.getMessage()
                        + "); point it at a readable file holding the password");
            }
        }
        return new Secret(env.getOrDefault("DB_PASSWORD", ""));
    }

    private static String required(Map<String, String> env, String name, String expected) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new ConfigException(name + " is not set; expected " + expected);
        }
        return value.trim();
    }

    private static int intVar(Map<String, String> env, String name, int fallback, int min, int max) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " is '" + value + "'; expected a whole number from " + min + " to " + max);
        }
    }

    private static Duration seconds(Map<String, String> env, String name, int fallback) {
        return Duration.ofSeconds(intVar(env, name, fallback, 0, 86_400));
    }

    /** A password that never prints itself. */
    record Secret(String value) {
        @Override
        public String toString() {
            return "****";
        }
    }
}
