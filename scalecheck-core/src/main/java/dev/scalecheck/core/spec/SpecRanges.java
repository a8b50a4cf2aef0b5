package dev.scalecheck.core.spec;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The values of a spec that must lie in a range, and the names that become file names, SQL
 * identifiers or URLs: checked before anything starts, each refusal naming the key, the value
 * and an example of a good one.
 */
final class SpecRanges {
    /** Letters, digits, '-', '_' and '.': a replica's log file, a container, a compose service. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    /** A compose project name, as docker compose accepts it. */
    private static final Pattern PROJECT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    /** An unquoted SQL identifier both MariaDB and PostgreSQL take as it is. */
    private static final Pattern SQL_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern QUALIFIED_TABLE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]{0,62}\\.)?[A-Za-z_][A-Za-z0-9_$]{0,62}");
    /** The characters RFC 3986 allows in a path and a query; anything else must be percent-encoded. */
    private static final Pattern URL_CHARACTERS = Pattern.compile("[A-Za-z0-9\\-._~!$&'()*+,;=:@/?%]*");
    private static final Duration LONGEST = Duration.ofHours(24);

    private SpecRanges() {
    }

    static void check(Spec spec, SpecYaml at) {
        if (spec.replicas() < 1 || spec.replicas() > Spec.MAX_REPLICAS) {
            throw new SpecException(at.at("replicas") + ": replicas is " + spec.replicas() + "; expected a whole number from 1 to "
                    + Spec.MAX_REPLICAS);
        }
        safeName(at, "service", spec.service(), "api");
        if (spec.compose() != null) {
            safeName(at, "compose.database", spec.compose().database(), "db");
            safeName(at, "compose.balancer", spec.compose().balancer(), "lb");
            if (!PROJECT.matcher(spec.compose().project()).matches()) {
                throw new SpecException(at.at("compose.project") + ": compose.project '" + shown(spec.compose().project())
                        + "' is not a compose project name; use lower-case letters, digits, '-' and '_', e.g. scalecheck");
            }
            loadBalancerUrl(at, spec.compose().loadBalancer());
        }
        Spec.Health health = spec.health();
        urlPath(at, "health.path", health.path(), "/actuator/health/readiness");
        if (health.port() != null && (health.port() < 1 || health.port() > 65535)) {
            throw new SpecException(at.at("health.port") + ": health.port is " + health.port() + "; expected a port from 1 to 65535");
        }
        duration(at, "health.timeout", health.timeout(), "120s");
        duration(at, "health.startPeriod", health.startPeriod(), "60s");
        Spec.Database database = spec.database();
        if (!SQL_IDENTIFIER.matcher(database.name()).matches()) {
            throw new SpecException(at.at("database.name") + ": database.name '" + shown(database.name()) + "' is not a plain SQL "
                    + "identifier; scalecheck creates it, so use letters, digits and '_' (not first), at most 63, e.g. app");
        }
        if (database.migrationTable() != null && !QUALIFIED_TABLE.matcher(database.migrationTable()).matches()) {
            throw new SpecException(at.at("database.migrationTable") + ": database.migrationTable '"
                    + shown(database.migrationTable()) + "' is not a table name; use letters, digits and '_', optionally "
                    + "schema.table, e.g. flyway_schema_history");
        }
        Spec.Probes probes = spec.probes();
        count(at, "probes.parallel", probes.parallel(), 1, 256, "8");
        if (probes.writes() != null && probes.writes().path() != null) {
            urlPath(at, "probes.writes.path", probes.writes().path().replace("{name}", "name"), "/files/{name}");
        }
        if (probes.state() != null) {
            urlPath(at, "probes.state.create", probes.state().create(), "/items");
            if (probes.state().read() != null) {
                urlPath(at, "probes.state.read", probes.state().read().replace("{id}", "id"), "/items/{id}");
            }
        }
        Spec.Checks checks = spec.checks();
        duration(at, "checks.parallel-startup.maxSpread", checks.parallelStartup().maxSpread(), "5s");
        count(at, "checks.lb-reaches-all.requests", checks.lbReachesAll().requests(), 1, 100_000, "40");
        if (checks.lbReachesAll().path() != null) {
            urlPath(at, "checks.lb-reaches-all.path", checks.lbReachesAll().path(), "/health");
        }
        count(at, "checks.cross-replica-state.reads", checks.crossReplicaState().reads(), 1, 10_000, "12");
        count(at, "checks.connection-headroom.poolSize", checks.connectionHeadroom().poolSize(), 1, 100_000, "10");
        count(at, "checks.connection-headroom.margin", checks.connectionHeadroom().margin(), 0, 100_000, "10");
        for (String scenario : spec.scenarios()) {
            if (dev.scalecheck.core.scenario.Scenario.named(scenario).isEmpty()) {
                throw new SpecException(at.at("scenarios") + ": scenarios has '" + shown(String.valueOf(scenario))
                        + "', which is not a scenario; expected some of: "
                        + String.join(", ", dev.scalecheck.core.scenario.Scenario.ids()));
            }
        }
        Spec.Workload workload = spec.workload();
        count(at, "workload.rate", workload.rate(), 1, 1000, "100");
        count(at, "workload.maxRequests", workload.maxRequests(), 1, 1_000_000, "20000");
        duration(at, "workload.baseline", workload.baseline(), "2s");
        duration(at, "workload.stopGrace", workload.stopGrace(), "10s");
        double fraction = checks.startupBudget().maxFraction();
        if (!(fraction > 0 && fraction <= 1)) {
            throw new SpecException(at.at("checks.startup-budget.maxFraction") + ": checks.startup-budget.maxFraction is "
                    + fraction + "; expected a fraction above 0 and at most 1, e.g. 0.5");
        }
    }

    private static void safeName(SpecYaml at, String key, String value, String example) {
        if (!SAFE_NAME.matcher(value).matches() || value.contains("..")) {
            throw new SpecException(at.at(key) + ": " + key + " '" + shown(value) + "' is not a safe name; it becomes file and "
                    + "container names, so use letters, digits, '-', '_' and '.' (not '..'), at most 63, e.g. " + example);
        }
    }

    private static void duration(SpecYaml at, String key, Duration value, String example) {
        if (value == null) {
            return;
        }
        if (value.isNegative() || value.isZero()) {
            throw new SpecException(at.at(key) + ": " + key + " is " + (value.isZero() ? "0s" : DurationText.format(value)) + "; expected a duration above 0, e.g. "
                    + example);
        }
        if (value.compareTo(LONGEST) > 0) {
            throw new SpecException(at.at(key) + ": " + key + " is " + DurationText.format(value) + "; expected at most 24h, e.g. "
                    + example);
        }
    }

    private static void count(SpecYaml at, String key, Integer value, int least, int most, String example) {
        if (value != null && (value < least || value > most)) {
            throw new SpecException(at.at(key) + ": " + key + " is " + value + "; expected a whole number from " + least + " to "
                    + most + ", e.g. " + example);
        }
    }

    /** A path (and query) that goes into a URL as it is: starts with '/', only URL characters, valid percent escapes. */
    static void urlPath(SpecYaml at, String key, String value, String example) {
        if (value == null) {
            return;
        }
        String problem = null;
        if (!value.startsWith("/")) {
            problem = "must start with '/'";
        } else if (!URL_CHARACTERS.matcher(value).matches()) {
            int bad = 0;
            while (bad < value.length() && URL_CHARACTERS.matcher(String.valueOf(value.charAt(bad))).matches()) {
                bad++;
            }
            char c = value.charAt(bad);
            problem = "has " + describe(c) + " at position " + (bad + 1) + ", which a URL cannot hold; percent-encode it ("
                    + java.net.URLEncoder.encode(String.valueOf(c), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")
                    + ") or remove it";
        } else {
            try {
                new URI("http://localhost" + value);
            } catch (URISyntaxException e) {
                problem = "is not a URL path: " + e.getReason() + " at position " + Math.max(1, e.getIndex() - 15);
            }
        }
        if (problem != null) {
            throw new SpecException(at.at(key) + ": " + key + " '" + shown(value) + "' " + problem + "; e.g. " + example);
        }
    }

    private static void loadBalancerUrl(SpecYaml at, String value) {
        String problem = null;
        try {
            URI uri = new URI(value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                problem = "is not an http:// or https:// URL";
            } else if (uri.getHost() == null) {
                problem = "has no host";
            }
        } catch (URISyntaxException e) {
            problem = "is not a URL: " + e.getReason();
        }
        if (problem != null) {
            throw new SpecException(at.at("compose.loadBalancer") + ": compose.loadBalancer '" + shown(value) + "' " + problem
                    + "; e.g. http://127.0.0.1:8080");
        }
    }

    private static String describe(char c) {
        if (c == ' ') {
            return "a space";
        }
        if (Character.isISOControl(c)) {
            return String.format(Locale.ROOT, "a control character (U+%04X)", (int) c);
        }
        return "'" + c + "'";
    }

    /** A value as it can be shown on one line: control characters escaped, long values cut. */
    private static String shown(String value) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < value.length() && shown.length() < 80; i++) {
            char c = value.charAt(i);
            shown.append(Character.isISOControl(c) ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
        }
        return shown.length() >= 80 && value.length() > 80 ? shown + "..." : shown.toString();
    }
}
