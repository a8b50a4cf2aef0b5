package dev.scalecheck.cli;

import dev.scalecheck.core.run.RunReport;
import dev.scalecheck.core.run.Series;
import dev.scalecheck.reports.HtmlRenderer;
import dev.scalecheck.reports.JUnitXmlRenderer;
import dev.scalecheck.reports.JsonReport;
import dev.scalecheck.reports.Renderer;
import dev.scalecheck.reports.SeriesReports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes the requested report files, each through a temporary file so a half-written report never replaces a good one. */
final class ReportFiles {
    private ReportFiles() {
    }

    static void write(RunReport report, Path junit, Path json, Path html) {
        write(report, junit, new JUnitXmlRenderer());
        write(report, json, new JsonReport());
        write(report, html, new HtmlRenderer());
    }

    static void write(Series series, Path junit, Path json, Path html) {
        write(junit, out -> SeriesReports.junit(series, out));
        write(json, out -> SeriesReports.json(series, out));
        write(html, out -> SeriesReports.html(series, out));
    }

    private static void write(RunReport report, Path file, Renderer renderer) {
        write(file, out -> renderer.render(report, out));
    }

    /** Writes one format to a writer. */
    private interface Body {
        void to(Writer out) throws IOException;
    }

    private static void write(Path file, Body body) {
        if (file == null) {
            return;
        }
        try {
            Path absolute = file.toAbsolutePath();
            Path temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                body.to(out);
            }
            if (Files.getFileStore(temporary).supportsFileAttributeView("posix")) {
                // a temporary file is created 0600; a report is for everyone who reads the build
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
