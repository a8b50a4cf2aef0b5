package dev.scalecheck.reports;

import dev.scalecheck.core.run.RunReport;
import java.io.IOException;
import java.io.Writer;

/** Turns the one result model into one output format. */
public interface Renderer {

    void render(RunReport report, Writer out) throws IOException;
}
