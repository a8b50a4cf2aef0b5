package dev.scalecheck.core.spec;

/**
 * What scalecheck knows about its reference service, demo-api, and nothing else does: its
 * endpoints, its {@code X-Replica-Id} header, its named migration lock and the pool field of its
 * readiness answer. Applied only to a spec that runs the demo ({@link Spec#isDemo()}); every key
 * the spec sets itself wins.
 */
public final class DemoPreset {
    static final String LOCK_NAME = "demo_migration";

    private DemoPreset() {
    }

    /** The spec with demo-api's values where it has none; an ordinary spec unchanged. */
    public static Spec applyTo(Spec spec) {
        if (!spec.isDemo()) {
            return spec;
        }
        Spec.Health health = spec.health();
        Spec.Database database = spec.database();
        Spec.Probes probes = spec.probes();
        Spec.LbReachesAll balancer = spec.checks().lbReachesAll();
        Spec.ConnectionHeadroom headroom = spec.checks().connectionHeadroom();
        return spec
                .withHealth(new Spec.Health(or(health.path(), "/api/health/ready"), or(health.port(), 7777), health.timeout(),
                        health.startPeriod()))
                .withDatabase(new Spec.Database(database.name(), database.kind(), or(database.tool(), "demo"), or(database.lockName(), LOCK_NAME),
                        database.migrationTable()))
                .withMarkers(or(spec.markers(), Markers.preset("demo")))
                .withProbes(new Spec.Probes(probes.headers(), probes.auth(),
                        or(probes.writes(), new Spec.Writes("/api/data/{name}", null)),
                        or(probes.state(), new Spec.State("/api/items", "{\"probe\":\"scalecheck\"}", null, "/api/items/{id}", "id")),
                        probes.parallel()))
                .withChecks(spec.checks()
                        .withLbReachesAll(new Spec.LbReachesAll(balancer.enabled(), balancer.requests(),
                                or(balancer.replicaHeader(), "X-Replica-Id"), or(balancer.path(), "/api/health")))
                        .withConnectionHeadroom(new Spec.ConnectionHeadroom(headroom.enabled(), headroom.poolSize(),
                                headroom.margin(), or(headroom.poolField(), "pool.max"))));
    }

    private static <T> T or(T value, T preset) {
        return value != null ? value : preset;
    }
}
