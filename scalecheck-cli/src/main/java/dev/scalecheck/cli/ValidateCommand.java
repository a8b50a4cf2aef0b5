package dev.scalecheck.cli;

import dev.scalecheck.compose.lint.ComposeFile;
import dev.scalecheck.compose.lint.ComposeModels;
import dev.scalecheck.core.spec.Spec;
import dev.scalecheck.core.spec.SpecReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scalecheck validate -f scalecheck.yml}: reads the spec and, for compose, the compose
 * model, and checks that what it names exists. Starts nothing.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a spec (and, for compose, that its services exist) without starting anything.")
final class ValidateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Option(names = {"-f", "--file"}, defaultValue = "scalecheck.yml", description = "The spec (default: ${DEFAULT-VALUE}).")
    Path file;

    /** The same reading and checks as {@code run} before it starts anything; a refusal is an exception ({@link ExitCode#of}). */
    @Override
    public Integer call() {
        command.commandLine().getOut().println(validate(file));
        return ExitCode.PASSED;
    }

    /** The one line saying the spec is valid; a refusal is an exception. */
    static String validate(Path file) {
        Spec spec = SpecFiles.resolveAgainst(new SpecReader().read(file), file);
        Preflight.check(spec, file.toString());
        List<String> problems = spec.orchestrator().equals("compose") ? composeProblems(spec) : List.of();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(file + ": " + String.join("; ", problems));
        }
        return file + " is valid: " + spec.orchestrator() + ", service '" + spec.service() + "', "
                + spec.replicas() + " replicas" + (spec.isDemo() ? " (the demo preset applies)" : "");
    }

    private static List<String> composeProblems(Spec spec) {
        Spec.Compose compose = spec.compose() == null ? new Spec.Compose(null, null, null, null, null, null) : spec.compose();
        ComposeFile model = ComposeModels.load(Preflight.project(compose));
        Set<String> services = model.services().keySet();
        List<String> problems = new ArrayList<>();
        check(problems, services, spec.service(), "service");
        check(problems, services, compose.database(), "compose.database");
        check(problems, services, compose.balancer(), "compose.balancer");
        return problems;
    }

    private static void check(List<String> problems, Set<String> services, String name, String key) {
        if (!services.contains(name)) {
            problems.add(key + " '" + name + "' is not a service of the compose files; expected one of: "
                    + String.join(", ", services.stream().sorted().toList()));
        }
    }
}
