package dev.scalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After each test of a class that runs the local orchestrator: no process of its runs is left,
 * and no port listens that did not before the test.
 */
final class NothingLeftBehind implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace HERE = ExtensionContext.Namespace.create(NothingLeftBehind.class);

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        context.getStore(HERE).put("ports", Leftovers.listeningPorts());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterEach(ExtensionContext context) throws Exception {
        Set<Integer> before = (Set<Integer>) context.getStore(HERE).get("ports", Set.class);
        assertThat(Leftovers.leftoverRunProcesses()).as("processes of the runs").isEmpty();
        assertThat(Leftovers.listeningPorts()).as("listening ports").isSubsetOf(before);
    }
}
