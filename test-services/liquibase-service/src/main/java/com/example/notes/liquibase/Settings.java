package com.example.notes.liquibase;

import java.util.Map;

/** The service's configuration, read from the environment only. */
record Settings(
        int port,
        String bindAddress,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        int poolSize,
        String apiToken,
        int lockWaitMinutes,
        int lockPollSeconds,
        int delayOthersSeconds) {

    static Settings fromEnvironment(Map<String, String> env) {
        return new Settings(
                number(env, "PORT", null),
                text(env, "BIND_ADDRESS", "0.0.0.0"),
                required(env, "DATABASE_URL"),
                text(env, "DATABASE_USER", null),
                text(env, "DATABASE_PASSWORD", null),
                number(env, "POOL_SIZE", 10),
                text(env, "API_TOKEN", null),
                number(env, "LOCK_WAIT_MINUTES", 5),
                number(env, "LOCK_POLL_SECONDS", 10),
                number(env, "DELAY_OTHERS_SECONDS", 0));
    }

    private static String text(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String required(Map<String, String> env, String name) {
        String value = text(env, name, null);
        if (value == null) {
            throw new IllegalStateException("Environment variable " + name + " is required");
        }
        return value;
    }

    private static int number(Map<String, String> env, String name, Integer fallback) {
        String value = fallback == null ? required(env, name) : text(env, name, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Environment variable " + name + " is not a number: " + value, e);
        }
    }

    /** Never shows the password or the token. */
    @Override
    public String toString() {
        return "Settings[port=" + port + ", bindAddress=" + bindAddress + ", databaseUrl=" + databaseUrl
                + ", databaseUser=" + databaseUser + ", poolSize=" + poolSize
                + ", apiToken=" + (apiToken == null ? "none" : "set")
                + ", lockWaitMinutes=" + lockWaitMinutes + ", lockPollSeconds=" + lockPollSeconds + "]";
    }
}
