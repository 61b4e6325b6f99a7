package dev.gort.worker.results.junit;

import dev.gort.common.web.Untrusted;
import dev.gort.worker.results.ParseLimits;
import dev.gort.worker.results.ParsedResults;
import dev.gort.worker.results.ResultsFormat;
import dev.gort.worker.results.ResultsParser;
import dev.gort.worker.results.UnprocessableResultsException;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * JUnit XML as Maven Surefire and Failsafe, pytest ({@code xunit1} and {@code xunit2}), Gradle and
 * go-junit-report write it: {@code <testsuites>} or a bare {@code <testsuite>}, suites nested in
 * suites, Surefire's rerun elements. Read as a stream (StAX), never as a tree, and with DTDs
 * refused outright, so that neither a large report nor a hostile one (XXE, billion laughs) costs
 * more than the limits allow.
 */
public final class JunitXmlParser implements ResultsParser {

  /** Longest parser reason echoed in a message. */
  private static final int REASON_LENGTH = 200;

  // the JDK parser returns a CDATA section in one piece unless told otherwise, and Surefire writes
  // all captured output as CDATA
  private static final String CDATA_CHUNK_SIZE = "jdk.xml.cdataChunkSize";

  @Override
  public ResultsFormat format() {
    return ResultsFormat.JUNIT;
  }

  @Override
  public ParsedResults parse(InputStream document, ParseLimits limits)
      throws UnprocessableResultsException {
    XMLStreamReader xml = null;
    try {
      xml = factory().createXMLStreamReader(document);
      return ParsedResults.of(ResultsFormat.JUNIT, new JunitXmlReader(xml, limits).read());
    } catch (XMLStreamException e) {
      throw new UnprocessableResultsException(describe(e), e);
    } finally {
      close(xml);
    }
  }

  private static XMLInputFactory factory() {
    // the JDK's own implementation, whatever else is on the class path: the properties below are
    // its
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setProperty(CDATA_CHUNK_SIZE, 8192);
    return factory;
  }

  /** What and where, in the parser's words without its "ParseError at [row,col]" preamble. */
  static String describe(XMLStreamException e) {
    String reason = e.getMessage() == null ? "" : e.getMessage();
    int said = reason.indexOf("Message: ");
    if (said >= 0) {
      reason = reason.substring(said + "Message: ".length());
    }
    reason = Untrusted.escape(reason.strip(), REASON_LENGTH);
    Location location = e.getLocation();
    String where =
        location == null || location.getLineNumber() < 0
            ? ""
            : " at line " + location.getLineNumber() + ", column " + location.getColumnNumber();
    // the stream under the parser failing is not the document's fault; bytes that are not in the
    // document's encoding are
    Throwable nested = e.getNestedException();
    String what =
        nested instanceof IOException && !(nested instanceof CharConversionException)
            ? "the results could not be read to the end, having stopped"
            : "the results are not well-formed XML";
    return what + where + (reason.isEmpty() ? "" : ": " + reason);
  }

  private static void close(XMLStreamReader xml) {
    if (xml == null) {
      return;
    }
    try {
      xml.close();
    } catch (XMLStreamException e) {
      // nothing held: close() does not close the caller's stream
    }
  }
}
