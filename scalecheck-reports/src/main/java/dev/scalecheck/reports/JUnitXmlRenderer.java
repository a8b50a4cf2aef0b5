package dev.scalecheck.reports;

import dev.scalecheck.core.check.CheckResult;
import dev.scalecheck.core.check.Status;
import dev.scalecheck.core.run.RunReport;
import java.io.IOException;
import java.io.Writer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML as Surefire writes it: one testsuite per run, one testcase per check (classname
 * {@code scalecheck.<orchestrator>}, name the check id), FAIL as failure, ERROR as error,
 * SKIPPED as skipped, the evidence in system-out. An environment problem is one extra error.
 */
public final class JUnitXmlRenderer implements Renderer {

    @Override
    public void render(RunReport report, Writer out) throws IOException {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            suite(xml, report, "scalecheck." + report.orchestrator(), "");
            xml.writeEndDocument();
            xml.flush();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    /** One run as one testsuite named {@code name}, its lines indented by {@code indent} more. */
    static void suite(XMLStreamWriter xml, RunReport report, String name, String indent) throws XMLStreamException {
        long failures = count(report, Status.FAIL);
        long errors = count(report, Status.ERROR) + (report.environmentError() == null ? 0 : 1);
        long skipped = count(report, Status.SKIPPED);
        int tests = report.results().size() + (report.environmentError() == null ? 0 : 1);
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", name);
        xml.writeAttribute("tests", String.valueOf(tests));
        xml.writeAttribute("failures", String.valueOf(failures));
        xml.writeAttribute("errors", String.valueOf(errors));
        xml.writeAttribute("skipped", String.valueOf(skipped));
        xml.writeAttribute("time", seconds(report.duration().toMillis()));
        xml.writeAttribute("timestamp", DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(report.startedAt().atOffset(ZoneOffset.UTC)));
        xml.writeCharacters("\n  ");
        xml.writeStartElement("properties");
        property(xml, "run", report.runId());
        property(xml, "orchestrator", report.orchestrator());
        property(xml, "service", report.service());
        property(xml, "replicas", String.valueOf(report.replicas()));
        xml.writeEndElement();
        if (report.environmentError() != null) {
            testcase(xml, report, "environment", "0");
            xml.writeStartElement("error");
            xml.writeAttribute("message", report.environmentError());
            xml.writeAttribute("type", "environment");
            xml.writeCharacters(report.environmentError());
            xml.writeEndElement();
            xml.writeEndElement();
        }
        for (CheckResult result : report.results()) {
            testcase(xml, report, result.id(), "0");
            switch (result.status()) {
                case FAIL -> problem(xml, "failure", result);
                case ERROR -> problem(xml, "error", result);
                case SKIPPED -> {
                    xml.writeEmptyElement("skipped");
                    xml.writeAttribute("message", result.summary());
                }
                case PASS -> { }
            }
            xml.writeStartElement("system-out");
            xml.writeCData(result.status() + " " + result.id() + ": " + result.summary()
                    + (result.evidence().isEmpty() ? "" : "\n" + String.join("\n", result.evidence())));
            xml.writeEndElement();
            xml.writeEndElement();
        }
        xml.writeCharacters("\n" + indent);
        xml.writeEndElement();
    }

    private static void testcase(XMLStreamWriter xml, RunReport report, String name, String time) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("name", name);
        xml.writeAttribute("classname", "scalecheck." + report.orchestrator());
        xml.writeAttribute("time", time);
    }

    private static void problem(XMLStreamWriter xml, String element, CheckResult result) throws XMLStreamException {
        xml.writeStartElement(element);
        xml.writeAttribute("message", result.summary());
        xml.writeAttribute("type", result.status().name());
        xml.writeCharacters(String.join("\n", result.details().isEmpty() ? java.util.List.of(result.summary()) : result.details()));
        xml.writeEndElement();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", value);
    }

    private static long count(RunReport report, Status status) {
        return report.results().stream().filter(r -> r.status() == status).count();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
