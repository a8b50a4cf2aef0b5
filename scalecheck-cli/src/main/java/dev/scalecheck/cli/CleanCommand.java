package dev.scalecheck.cli;

import dev.scalecheck.core.orchestrator.Orchestrator;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code scalecheck clean}: removes what runs left behind when their scalecheck process died
 * without tearing down (kill -9, a crash), and says what it removed. Runs whose owner still runs
 * are left alone.
 */
@Command(name = "clean", mixinStandardHelpOptions = true,
        description = "Remove what runs whose scalecheck process died left behind (processes, then run directories).")
final class CleanCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        int removed = 0;
        for (Orchestrator orchestrator : Orchestrator.all()) {
            List<String> lines = orchestrator.removeLeftovers();
            lines.forEach(line -> out.println(orchestrator.name() + ": " + line));
            removed += lines.size();
        }
        if (removed == 0) {
            out.println("nothing to clean: no run left anything behind whose scalecheck process is gone");
        }
        out.flush();
        return ExitCode.PASSED;
    }
}
